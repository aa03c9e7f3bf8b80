import { attach, renderedPolicy } from './traffic-policy-helpers';
import { ClientTls } from '../../src';

function tls(clientTls: ClientTls): any {
  return renderedPolicy({ tls: clientTls }).tls;
}

describe('ClientTls', () => {
  test('disable renders mode DISABLE only', () => {
    expect(tls(ClientTls.disable())).toEqual({ mode: 'DISABLE' });
  });

  test('istioMutual renders mode ISTIO_MUTUAL', () => {
    expect(tls(ClientTls.istioMutual())).toEqual({ mode: 'ISTIO_MUTUAL' });
  });

  test('istioMutual keeps sni and subjectAltNames (e.g. through an egress gateway)', () => {
    const rendered = tls(ClientTls.istioMutual({ sni: 'api.example.com', subjectAltNames: ['spiffe://cluster.local/ns/istio-system/sa/egress'] }));
    expect(rendered).toEqual({
      mode: 'ISTIO_MUTUAL',
      sni: 'api.example.com',
      subjectAltNames: ['spiffe://cluster.local/ns/istio-system/sa/egress'],
    });
  });

  test('simple with no options renders mode SIMPLE (verified against the system CAs)', () => {
    expect(tls(ClientTls.simple())).toEqual({ mode: 'SIMPLE' });
  });

  test('simple renders CA certificates, CRL, sni and subjectAltNames', () => {
    const rendered = tls(ClientTls.simple({
      caCertificates: '/etc/certs/ca.pem',
      caCrl: '/etc/certs/ca.crl',
      sni: 'api.example.com',
      subjectAltNames: ['api.example.com'],
    }));
    expect(rendered).toEqual({
      mode: 'SIMPLE',
      caCertificates: '/etc/certs/ca.pem',
      caCrl: '/etc/certs/ca.crl',
      sni: 'api.example.com',
      subjectAltNames: ['api.example.com'],
    });
  });

  test('simple renders insecureSkipVerify', () => {
    expect(tls(ClientTls.simple({ insecureSkipVerify: true }))).toEqual({ mode: 'SIMPLE', insecureSkipVerify: true });
  });

  test('mutual with a credentialName renders the Secret name', () => {
    expect(tls(ClientTls.mutual({ credentialName: 'client-credential' }))).toEqual({ mode: 'MUTUAL', credentialName: 'client-credential' });
  });

  test('mutual with certificate files renders the client certificate, key and CA', () => {
    const rendered = tls(ClientTls.mutual({
      clientCertificate: '/etc/certs/client.pem',
      privateKey: '/etc/certs/client-key.pem',
      caCertificates: '/etc/certs/ca.pem',
    }));
    expect(rendered).toEqual({
      mode: 'MUTUAL',
      clientCertificate: '/etc/certs/client.pem',
      privateKey: '/etc/certs/client-key.pem',
      caCertificates: '/etc/certs/ca.pem',
    });
  });

  test('exposes its mode', () => {
    expect(ClientTls.mutual({ credentialName: 'c' }).mode).toBe('MUTUAL');
  });

  test('rejects mutual without certificates or credentialName, naming construct path and prop', () => {
    expect(attach({ tls: ClientTls.mutual({}) }))
      .toThrow(/^shop\/api: trafficPolicy\.tls has mode MUTUAL without a client certificate; set credentialName .* or both clientCertificate and privateKey/);
  });

  test('rejects mutual with a client certificate but no private key', () => {
    expect(attach({ tls: ClientTls.mutual({ clientCertificate: '/etc/certs/client.pem' }) }))
      .toThrow(/^shop\/api: trafficPolicy\.tls\.privateKey is missing; MUTUAL with clientCertificate needs privateKey too/);
  });

  test('rejects mutual with both credentialName and certificate files', () => {
    expect(attach({ tls: ClientTls.mutual({ credentialName: 'client-credential', clientCertificate: '/c.pem', privateKey: '/k.pem' }) }))
      .toThrow(/trafficPolicy\.tls sets clientCertificate, privateKey with credentialName \(mode MUTUAL\)/);
  });

  test('rejects simple with both credentialName and caCertificates', () => {
    expect(attach({ tls: ClientTls.simple({ credentialName: 'ca-secret', caCertificates: '/etc/certs/ca.pem' }) }))
      .toThrow(/trafficPolicy\.tls sets caCertificates with credentialName \(mode SIMPLE\)/);
  });

  test('rejects insecureSkipVerify with settings that verify the server', () => {
    expect(attach({ tls: ClientTls.simple({ insecureSkipVerify: true, subjectAltNames: ['api.example.com'] }) }))
      .toThrow(/trafficPolicy\.tls sets subjectAltNames with insecureSkipVerify \(mode SIMPLE\)/);
  });

  test('allows insecureSkipVerify with a credentialName in MUTUAL (the Secret carries the client certificate)', () => {
    expect(tls(ClientTls.mutual({ credentialName: 'client-credential', insecureSkipVerify: true })))
      .toEqual({ mode: 'MUTUAL', credentialName: 'client-credential', insecureSkipVerify: true });
  });

  test('rejects an empty sni', () => {
    expect(attach({ tls: ClientTls.simple({ sni: '' }) })).toThrow(/trafficPolicy\.tls\.sni is ""; give a value/);
  });
});
