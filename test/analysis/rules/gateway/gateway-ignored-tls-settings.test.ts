import { Severity } from '../../../../src/analysis/diagnostic';
import { gateway, gatewayWith, httpsServer } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const gatewayIgnoredTlsSettings = ruleById('gateway-ignored-tls-settings');

const SELECTOR = { istio: 'ingressgateway' };

describe('gateway-ignored-tls-settings', () => {
  test('warns that a certificate is ignored when no mode is set (PASSTHROUGH)', () => {
    const d = one(gatewayIgnoredTlsSettings, [gatewayWith('web', 'edge', httpsServer(['*'], { credentialName: 'web-cert' }))], { path: 'spec.servers[0].tls.credentialName', severity: Severity.WARNING });
    expect(d.message).toContain('no mode (so PASSTHROUGH, the default)');
    expect(d.fix).toContain('mode: SIMPLE');
  });

  test('warns about unknown and repeated cipher suites and TLS 1.0 without ciphers', () => {
    many(gatewayIgnoredTlsSettings, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [
        httpsServer(['a.example.com'], { mode: 'SIMPLE', credentialName: 'a', cipherSuites: ['ECDHE-RSA-AES128-GCM-SHA256', 'TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'] }),
        { ...httpsServer(['b.example.com'], { mode: 'SIMPLE', credentialName: 'b', minProtocolVersion: 'TLSV1_0' }), port: { number: 8443, name: 'https-b', protocol: 'HTTPS' } },
      ],
    })], ['spec.servers[0].tls.cipherSuites[1]', 'spec.servers[0].tls.cipherSuites[2]', 'spec.servers[1].tls.minProtocolVersion']);
  });

  test('warns about httpsRedirect on a non-HTTP server', () => {
    one(gatewayIgnoredTlsSettings, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'SIMPLE', credentialName: 'c', httpsRedirect: true }))], { path: 'spec.servers[0].tls.httpsRedirect' });
  });

  test('accepts known suites, operator expressions and TLS 1.2', () => {
    clean(gatewayIgnoredTlsSettings, [gatewayWith('web', 'edge', httpsServer(['*'], {
      mode: 'SIMPLE', credentialName: 'c', minProtocolVersion: 'TLSV1_2', cipherSuites: ['ECDHE-ECDSA-AES256-GCM-SHA384', '-AES128-SHA'],
    }))]);
  });
});
