import { Gateway, GatewayServer, ServerTls, TlsProtocolVersion } from '../../src';
import { RenderContext } from '../../src/private/render-context';
import { edgeApp, only, synthValid } from '../fixtures/app';

/** The `tls` of an HTTPS server with these settings, synthesized and schema-checked. */
function rendered(tls: ServerTls): any {
  const { chart } = edgeApp();
  new Gateway(chart, 'gw', { servers: [GatewayServer.https({ hosts: ['bookinfo.example.com'], tls })] });
  return only(synthValid(chart), 'Gateway').spec.servers[0].tls;
}

function refused(tls: ServerTls): () => void {
  return () => new Gateway(edgeApp().chart, 'gw', { servers: [GatewayServer.https({ hosts: ['bookinfo.example.com'], tls })] });
}

describe('ServerTls: modes', () => {
  test('SIMPLE with a Secret', () => {
    expect(rendered(ServerTls.simple('cred'))).toEqual({ mode: 'SIMPLE', credentialName: 'cred' });
  });

  test('SIMPLE with two Secrets (RSA and ECDSA) writes credentialNames', () => {
    expect(rendered(ServerTls.simple('rsa', { secondCredentialName: 'ecdsa' }))).toEqual({ mode: 'SIMPLE', credentialNames: ['rsa', 'ecdsa'] });
  });

  test('SIMPLE from files', () => {
    expect(rendered(ServerTls.simpleFromFiles({ serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' })))
      .toEqual({ mode: 'SIMPLE', serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' });
  });

  test('MUTUAL with a Secret and client checks', () => {
    expect(rendered(ServerTls.mutual('cred', {
      caCertCredentialName: 'client-ca',
      subjectAltNames: ['client.example.com'],
      verifyCertificateSpki: ['abc='],
      verifyCertificateHash: ['AB:CD'],
    }))).toEqual({
      mode: 'MUTUAL',
      credentialName: 'cred',
      caCertCredentialName: 'client-ca',
      subjectAltNames: ['client.example.com'],
      verifyCertificateSpki: ['abc='],
      verifyCertificateHash: ['AB:CD'],
    });
  });

  test('MUTUAL from files with a revocation list', () => {
    expect(rendered(ServerTls.mutualFromFiles({ serverCertificate: '/c/tls.crt', privateKey: '/c/tls.key', caCertificates: '/c/ca.crt', caCrl: '/c/ca.crl' })))
      .toEqual({ mode: 'MUTUAL', serverCertificate: '/c/tls.crt', privateKey: '/c/tls.key', caCertificates: '/c/ca.crt', caCrl: '/c/ca.crl' });
  });

  test('OPTIONAL_MUTUAL with a Secret', () => {
    expect(rendered(ServerTls.optionalMutual('cred'))).toEqual({ mode: 'OPTIONAL_MUTUAL', credentialName: 'cred' });
  });

  test('ISTIO_MUTUAL carries no certificate', () => {
    expect(rendered(ServerTls.istioMutual({ subjectAltNames: ['spiffe://cluster.local/ns/shop/sa/frontend'] })))
      .toEqual({ mode: 'ISTIO_MUTUAL', subjectAltNames: ['spiffe://cluster.local/ns/shop/sa/frontend'] });
  });

  test('PASSTHROUGH and AUTO_PASSTHROUGH carry only the mode', () => {
    expect(ServerTls.passthrough()._render(RenderContext.of('x').child('tls'))).toEqual({ mode: 'PASSTHROUGH' });
    expect(ServerTls.autoPassthrough()._render(RenderContext.of('x').child('tls'))).toEqual({ mode: 'AUTO_PASSTHROUGH' });
  });

  test('protocol versions and cipher suites', () => {
    expect(rendered(ServerTls.simple('cred', {
      minProtocolVersion: TlsProtocolVersion.TLSV1_2,
      maxProtocolVersion: TlsProtocolVersion.TLSV1_3,
      cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'],
    }))).toEqual({ mode: 'SIMPLE', credentialName: 'cred', minProtocolVersion: 'TLSV1_2', maxProtocolVersion: 'TLSV1_3', cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'] });
  });

  test('mode and credentialName are readable', () => {
    const tls = ServerTls.mutual('cred');
    expect([tls.mode, tls.credentialName, tls.terminates]).toEqual(['MUTUAL', 'cred', true]);
    expect(ServerTls.passthrough().terminates).toBe(false);
  });
});

describe('ServerTls: what Istio rejects is refused with the prop named', () => {
  test('an empty Secret name', () => {
    expect(refused(ServerTls.simple(''))).toThrow(/shop\/gw: servers\[0\]\.tls\.credentialName is ""; write a value such as 'bookinfo-credential'/);
  });

  test('MUTUAL from files without the CA that verifies clients', () => {
    expect(refused(ServerTls.mutualFromFiles({ serverCertificate: '/c/tls.crt', privateKey: '/c/tls.key' })))
      .toThrow(/servers\[0\]\.tls\.caCertificates is missing; mode MUTUAL from files needs the CA certificates/);
  });

  test('a revocation list on SIMPLE', () => {
    expect(refused(ServerTls.simpleFromFiles({ serverCertificate: '/c/tls.crt', privateKey: '/c/tls.key', caCrl: '/c/ca.crl' })))
      .toThrow(/tls\.caCrl is set on mode SIMPLE; a revocation list only applies to client certificates/);
  });

  test('a Secret option on certificates from files', () => {
    expect(refused(ServerTls.simpleFromFiles({ serverCertificate: '/c/tls.crt', privateKey: '/c/tls.key' }, { secondCredentialName: 'ecdsa' })))
      .toThrow(/tls\.secondCredentialName names a Secret, but this server reads its certificates from files/);
  });

  test('a missing private key', () => {
    expect(refused(ServerTls.simpleFromFiles({ serverCertificate: '/c/tls.crt', privateKey: '' })))
      .toThrow(/tls\.privateKey is ""/);
  });

  test('an empty subject alternative name', () => {
    expect(refused(ServerTls.mutual('cred', { subjectAltNames: [''] }))).toThrow(/tls\.subjectAltNames\[0\] is ""/);
  });
});
