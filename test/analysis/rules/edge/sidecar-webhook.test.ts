import { expectClean, run, sidecar } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { sidecarIgnoredSetting } from '../../../../src/analysis/rules/sidecar/sidecar-ignored-setting';
import { sidecarInvalidConfig } from '../../../../src/analysis/rules/sidecar/sidecar-invalid-config';
import { sidecarInvalidEgress } from '../../../../src/analysis/rules/sidecar/sidecar-invalid-egress';
import { sidecarInvalidIngress } from '../../../../src/analysis/rules/sidecar/sidecar-invalid-ingress';
import { sidecarInvalidOutboundTrafficPolicy } from '../../../../src/analysis/rules/sidecar/sidecar-invalid-outbound-traffic-policy';

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];
const ingress = (listener: any) => sidecar('api', 'shop', { workloadSelector: { labels: { app: 'api' } }, ingress: [listener], egress: EGRESS });
const HTTP_8080 = { number: 8080, protocol: 'HTTP', name: 'http' };

describe('sidecar-invalid-config', () => {
  test('rejects an empty Sidecar', () => {
    const ds = run(sidecarInvalidConfig, [sidecar('default', 'shop', {})]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'sidecar-invalid-config', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec' });
  });

  test('rejects a wildcard in the workload selector', () => {
    const ds = run(sidecarInvalidConfig, [sidecar('api', 'shop', { workloadSelector: { labels: { app: 'api-*' } }, egress: EGRESS })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.workloadSelector.labels.app']);
  });

  test('accepts a namespace default with egress hosts', () => {
    expectClean(sidecarInvalidConfig, [sidecar('default', 'shop', { egress: EGRESS })]);
  });
});

describe('sidecar-invalid-ingress', () => {
  test('rejects a listener without port', () => {
    const ds = run(sidecarInvalidIngress, [ingress({ defaultEndpoint: '127.0.0.1:8080' })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ingress[0].port']);
  });

  test('rejects a defaultEndpoint that forwards off the pod or has no port', () => {
    const ds = run(sidecarInvalidIngress, [sidecar('api', 'shop', {
      workloadSelector: { labels: { app: 'api' } },
      ingress: [{ port: HTTP_8080, defaultEndpoint: '10.0.0.5:8080' }, { port: { number: 9090, protocol: 'HTTP', name: 'http-b' }, defaultEndpoint: '127.0.0.1' }],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ingress[0].defaultEndpoint', 'spec.ingress[1].defaultEndpoint']);
    expect(ds[0].message).toContain('forwards to 10.0.0.5');
  });

  test('rejects a repeated port', () => {
    const ds = run(sidecarInvalidIngress, [sidecar('api', 'shop', { workloadSelector: { labels: { app: 'api' } }, ingress: [{ port: HTTP_8080 }, { port: HTTP_8080 }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ingress[1].port.number']);
  });

  test('rejects TLS settings a sidecar does not support', () => {
    const ds = run(sidecarInvalidIngress, [ingress({ port: { number: 8443, protocol: 'HTTPS', name: 'https' }, tls: { mode: 'ISTIO_MUTUAL', credentialName: 'api-cert' } })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ingress[0].tls.credentialName', 'spec.ingress[0].tls.mode', 'spec.ingress[0].tls.credentialName']);
  });

  test('rejects tls on an HTTP port', () => {
    const ds = run(sidecarInvalidIngress, [ingress({ port: HTTP_8080, tls: { mode: 'SIMPLE', serverCertificate: '/c', privateKey: '/k' } })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ingress[0].tls']);
  });

  test('rejects an empty connection pool and a negative limit', () => {
    const ds = run(sidecarInvalidIngress, [
      ingress({ port: HTTP_8080, connectionPool: {} }),
      sidecar('db', 'shop', { workloadSelector: { labels: { app: 'db' } }, inboundConnectionPool: { tcp: { maxConnections: -1 } } }),
    ]);
    expect(ds.map((d) => `${d.resource.name} ${d.path}`)).toEqual(['api spec.ingress[0].connectionPool', 'db spec.inboundConnectionPool.tcp.maxConnections']);
  });

  test('accepts a TLS listener with certificate files and a loopback endpoint', () => {
    expectClean(sidecarInvalidIngress, [ingress({
      port: { number: 8443, protocol: 'HTTPS', name: 'https' },
      defaultEndpoint: '127.0.0.1:8080',
      tls: { mode: 'SIMPLE', serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' },
      connectionPool: { tcp: { maxConnections: 100, connectTimeout: '2s' } },
    })]);
  });
});

describe('sidecar-invalid-egress', () => {
  test('rejects a host without namespace and a short name', () => {
    const ds = run(sidecarInvalidEgress, [sidecar('default', 'shop', { egress: [{ hosts: ['reviews.shop.svc.cluster.local', 'shop/reviews'] }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.egress[0].hosts[0]', 'spec.egress[0].hosts[1]']);
    expect(ds[0].message).toContain('namespace/dnsName');
    expect(ds[1].message).toContain('short name');
  });

  test('rejects port-less (catch-all) listeners that are not the last one', () => {
    const ds = run(sidecarInvalidEgress, [sidecar('default', 'shop', {
      egress: [{ hosts: ['./*'] }, { port: { number: 8080, protocol: 'HTTP', name: 'http' }, hosts: ['./*'] }, { hosts: ['istio-system/*'] }, { hosts: ['*/*'] }],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.egress[0]', 'spec.egress[2]']);
    expect(ds[0].message).toContain('is not the last egress listener');
  });

  test('rejects port 0 without a unix socket bind', () => {
    const ds = run(sidecarInvalidEgress, [sidecar('default', 'shop', { egress: [{ port: { number: 0, protocol: 'HTTP', name: 'uds' }, hosts: ['./*'] }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.egress[0].bind']);
  });

  test('accepts namespace/host forms and a catch-all last', () => {
    expectClean(sidecarInvalidEgress, [sidecar('default', 'shop', {
      egress: [{ port: { number: 9080, protocol: 'HTTP', name: 'http' }, hosts: ['prod/reviews.prod.svc.cluster.local'] }, { hosts: ['./*', 'istio-system/*', '*/api.example.com', '~/*'] }],
    })]);
  });
});

describe('sidecar-invalid-outbound-traffic-policy', () => {
  test('rejects an egress proxy when the mode is not written (REGISTRY_ONLY)', () => {
    const ds = run(sidecarInvalidOutboundTrafficPolicy, [sidecar('default', 'shop', { outboundTrafficPolicy: { egressProxy: { host: 'proxy.infra.svc.cluster.local', port: { number: 3128 } } } })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.outboundTrafficPolicy.egressProxy' });
    expect(ds[0].message).toContain('the default when mode is not written');
  });

  test('rejects an egress proxy without port', () => {
    const ds = run(sidecarInvalidOutboundTrafficPolicy, [sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'proxy.infra.svc.cluster.local' } } })]);
    expect(ds[0].message).toContain('no port');
  });

  test('accepts an egress proxy with ALLOW_ANY', () => {
    expectClean(sidecarInvalidOutboundTrafficPolicy, [sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'proxy.infra.svc.cluster.local', port: { number: 3128 } } } })]);
  });
});

describe('sidecar-ignored-setting', () => {
  test('warns about a repeated egress host and a host covered by "ns/*"', () => {
    const ds = run(sidecarIgnoredSetting, [sidecar('default', 'shop', { egress: [{ hosts: ['./*', 'shop/reviews.shop.svc.cluster.local', 'istio-system/*', 'istio-system/*'] }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.egress[0].hosts[1]', 'spec.egress[0].hosts[3]']);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0133' });
  });

  test('warns about "*/*" with other hosts', () => {
    const ds = run(sidecarIgnoredSetting, [sidecar('default', 'shop', { egress: [{ hosts: ['*/*', 'istio-system/*'] }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.egress[0].hosts']);
  });

  test('warns about HTTP pool settings on a TCP listener and a selector without labels', () => {
    const ds = run(sidecarIgnoredSetting, [sidecar('db', 'shop', {
      workloadSelector: {},
      ingress: [{ port: { number: 5432, protocol: 'TCP', name: 'tcp-pg' }, connectionPool: { http: { http1MaxPendingRequests: 10 } } }],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.workloadSelector', 'spec.ingress[0].connectionPool.http']);
  });

  test('accepts distinct hosts', () => {
    expectClean(sidecarIgnoredSetting, [sidecar('default', 'shop', { egress: EGRESS })]);
  });
});
