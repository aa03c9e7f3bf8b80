import { Severity } from '../../../../src/analysis/diagnostic';
import { gateway, gatewayWith, httpsServer } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const gatewayTlsMissingCredential = ruleById('gateway-tls-missing-credential');

const SELECTOR = { istio: 'ingressgateway' };

describe('gateway-tls-missing-credential', () => {
  test('reports a SIMPLE server with neither credentialName nor certificate files', () => {
    const d = one(gatewayTlsMissingCredential, [gatewayWith('web', 'edge', httpsServer(['app.example.com'], { mode: 'SIMPLE' }))], { path: 'spec.servers[0].tls.serverCertificate', severity: Severity.ERROR });
    expect(d.message).toContain('no serverCertificate and no privateKey and no credentialName');
    expect(d.fix).toContain('credentialName');
  });

  test('reports MUTUAL with certificate files but no client CA', () => {
    one(gatewayTlsMissingCredential, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k' }))], { path: 'spec.servers[0].tls.caCertificates' });
  });

  test('reports OPTIONAL_MUTUAL without credential', () => {
    many(gatewayTlsMissingCredential, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'OPTIONAL_MUTUAL' }))], ['spec.servers[0].tls.caCertificates', 'spec.servers[0].tls.serverCertificate']);
  });

  test('accepts a secret, certificate files, passthrough and ISTIO_MUTUAL', () => {
    clean(gatewayTlsMissingCredential, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [
        httpsServer(['a.example.com'], { mode: 'SIMPLE', credentialName: 'a-cert' }),
        { ...httpsServer(['b.example.com'], { mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k', caCertificates: '/ca' }), port: { number: 8443, name: 'https-b', protocol: 'HTTPS' } },
        { port: { number: 9443, name: 'tls-c', protocol: 'TLS' }, hosts: ['c.example.com'], tls: { mode: 'PASSTHROUGH' } },
        { port: { number: 15443, name: 'tls-mesh', protocol: 'TLS' }, hosts: ['*.local'], tls: { mode: 'ISTIO_MUTUAL' } },
      ],
    })]);
  });
});
