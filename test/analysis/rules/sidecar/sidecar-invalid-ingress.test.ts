import { sidecar } from '../../../fixtures/manifests';
import { clean, many, one, ruleById, run } from '../../../fixtures/rules';

const sidecarInvalidIngress = ruleById('sidecar-invalid-ingress');

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];
const ingress = (listener: any) => sidecar('api', 'shop', { workloadSelector: { labels: { app: 'api' } }, ingress: [listener], egress: EGRESS });
const HTTP_8080 = { number: 8080, protocol: 'HTTP', name: 'http' };

describe('sidecar-invalid-ingress', () => {
  test('rejects a listener without port', () => {
    one(sidecarInvalidIngress, [ingress({ defaultEndpoint: '127.0.0.1:8080' })], { path: 'spec.ingress[0].port' });
  });

  test('rejects a defaultEndpoint that forwards off the pod or has no port', () => {
    const ds = many(sidecarInvalidIngress, [sidecar('api', 'shop', {
      workloadSelector: { labels: { app: 'api' } },
      ingress: [{ port: HTTP_8080, defaultEndpoint: '10.0.0.5:8080' }, { port: { number: 9090, protocol: 'HTTP', name: 'http-b' }, defaultEndpoint: '127.0.0.1' }],
    })], ['spec.ingress[0].defaultEndpoint', 'spec.ingress[1].defaultEndpoint']);
    expect(ds[0].message).toContain('forwards to 10.0.0.5');
  });

  test('rejects a repeated port', () => {
    one(sidecarInvalidIngress, [sidecar('api', 'shop', { workloadSelector: { labels: { app: 'api' } }, ingress: [{ port: HTTP_8080 }, { port: HTTP_8080 }] })], { path: 'spec.ingress[1].port.number' });
  });

  test('rejects TLS settings a sidecar does not support', () => {
    many(sidecarInvalidIngress, [ingress({ port: { number: 8443, protocol: 'HTTPS', name: 'https' }, tls: { mode: 'ISTIO_MUTUAL', credentialName: 'api-cert' } })], ['spec.ingress[0].tls.credentialName', 'spec.ingress[0].tls.mode', 'spec.ingress[0].tls.credentialName']);
  });

  test('rejects tls on an HTTP port', () => {
    one(sidecarInvalidIngress, [ingress({ port: HTTP_8080, tls: { mode: 'SIMPLE', serverCertificate: '/c', privateKey: '/k' } })], { path: 'spec.ingress[0].tls' });
  });

  test('rejects an empty connection pool and a negative limit', () => {
    const ds = run(sidecarInvalidIngress, [
      ingress({ port: HTTP_8080, connectionPool: {} }),
      sidecar('db', 'shop', { workloadSelector: { labels: { app: 'db' } }, inboundConnectionPool: { tcp: { maxConnections: -1 } } }),
    ]);
    expect(ds.map((d) => `${d.resource.name} ${d.path}`)).toEqual(['api spec.ingress[0].connectionPool', 'db spec.inboundConnectionPool.tcp.maxConnections']);
  });

  test('accepts a TLS listener with certificate files and a loopback endpoint', () => {
    clean(sidecarInvalidIngress, [ingress({
      port: { number: 8443, protocol: 'HTTPS', name: 'https' },
      defaultEndpoint: '127.0.0.1:8080',
      tls: { mode: 'SIMPLE', serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' },
      connectionPool: { tcp: { maxConnections: 100, connectTimeout: '2s' } },
    })]);
  });
});
