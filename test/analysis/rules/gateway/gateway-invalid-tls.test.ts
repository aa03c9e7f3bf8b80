import { Severity } from '../../../../src/analysis/diagnostic';
import { gateway, gatewayWith, httpServer, httpsServer } from '../../../fixtures/manifests';
import { clean, many, one, ruleById, run } from '../../../fixtures/rules';

const gatewayInvalidTls = ruleById('gateway-invalid-tls');

const SELECTOR = { istio: 'ingressgateway' };

describe('gateway-invalid-tls', () => {
  test('rejects an HTTPS server without tls settings', () => {
    one(gatewayInvalidTls, [gatewayWith('web', 'edge', { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'] })], { path: 'spec.servers[0].port.protocol', severity: Severity.ERROR });
  });

  test('rejects a certificate on a plain HTTP server', () => {
    const ds = one(gatewayInvalidTls, [gatewayWith('web', 'edge', httpServer(['*'], { tls: { mode: 'SIMPLE', credentialName: 'web-cert' } }))], { path: 'spec.servers[0].tls' });
    expect(ds.fix).toContain('protocol HTTPS');
  });

  test('rejects tls on a TCP server', () => {
    const ds = run(gatewayInvalidTls, [gatewayWith('db', 'edge', { port: { number: 5432, name: 'tcp-db', protocol: 'TCP' }, hosts: ['*'], tls: { mode: 'PASSTHROUGH' } })]);
    expect(ds[0].message).toContain('neither HTTPS nor TLS');
  });

  test('rejects a credential with ISTIO_MUTUAL, and two certificate sources', () => {
    const ds = many(gatewayInvalidTls, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [
        httpsServer(['a.example.com'], { mode: 'ISTIO_MUTUAL', credentialName: 'a-cert' }),
        { ...httpsServer(['b.example.com'], { mode: 'SIMPLE', credentialName: 'b-cert', serverCertificate: '/etc/b.crt', privateKey: '/etc/b.key' }), port: { number: 8443, name: 'https-b', protocol: 'HTTPS' } },
      ],
    })], ['spec.servers[0].tls.credentialName', 'spec.servers[1].tls']);
    expect(ds[1].message).toContain('only one certificate source');
  });

  test('rejects caCrl with SIMPLE', () => {
    one(gatewayInvalidTls, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'SIMPLE', serverCertificate: '/c', privateKey: '/k', caCrl: '/crl' }))], { path: 'spec.servers[0].tls.caCrl' });
  });

  test('accepts httpsRedirect on HTTP and a SIMPLE HTTPS server with a secret', () => {
    clean(gatewayInvalidTls, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['app.example.com'], { tls: { httpsRedirect: true } }), httpsServer(['app.example.com'], { mode: 'SIMPLE', credentialName: 'app-cert' })],
    })]);
  });
});
