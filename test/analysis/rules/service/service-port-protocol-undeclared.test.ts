import { Severity } from '../../../../src/analysis/diagnostic';
import { service } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const servicePortProtocolUndeclared = ruleById('service-port-protocol-undeclared');

const svc = (ports: any[], extra: any = {}, labels?: Record<string, string>) => service('api', 'shop', { selector: { app: 'api' }, ports, ...extra }, { labels: labels });

describe('service-port-protocol-undeclared', () => {
  test('reports a port whose name has no protocol prefix, suggesting one', () => {
    const d = one(servicePortProtocolUndeclared, [svc([{ name: 'web', port: 80, targetPort: 8080 }])], { path: 'spec.ports[0].name', severity: Severity.INFO });
    expect(d.message).toContain('port 80, targetPort 8080');
    expect(d.fix).toContain('http-web');
  });

  test('reports an unnamed port and a prefix Istio does not know (httpx, grpcweb)', () => {
    many(servicePortProtocolUndeclared, [svc([{ port: 80 }, { name: 'httpx-api', port: 81 }, { name: 'grpcweb-x', port: 82 }])], ['spec.ports[0].name', 'spec.ports[1].name', 'spec.ports[2].name']);
  });

  test('appProtocol wins over the name: an unknown appProtocol is reported even with a good name', () => {
    const ds = one(servicePortProtocolUndeclared, [svc([{ name: 'http', port: 80, appProtocol: 'h2c' }])], { path: 'spec.ports[0].appProtocol' });
    expect(ds.message).toContain('appProtocol "h2c" is not a protocol Istio knows');
  });

  test('accepts protocol prefixes, appProtocol (incl. kubernetes.io/h2c), UDP and the well-known TCP ports', () => {
    clean(servicePortProtocolUndeclared, [svc([
      { name: 'http', port: 80 },
      { name: 'HTTP2-api', port: 81 },
      { name: 'grpc-web-ui', port: 82 },
      { name: 'tcp-db', port: 83 },
      { name: 'metrics', port: 84, appProtocol: 'http' },
      { name: 'h2', port: 85, appProtocol: 'kubernetes.io/h2c' },
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'db', port: 3306 },
      { port: 27017 },
    ])]);
  });

  test('skips system namespaces and the Istio control plane, as istioctl does', () => {
    clean(servicePortProtocolUndeclared, [
      service('kube-dns', 'kube-system', { ports: [{ name: 'metrics', port: 9153 }] }),
      service('istiod', 'istio-system', { ports: [{ name: 'grpc-xds', port: 15010 }, { name: 'webhook', port: 443 }] }, { labels: { istio: 'pilot' } }),
    ]);
  });
});

describe('service-port-protocol-undeclared reads a port as Istio\'s ConvertProtocol does', () => {
  test.each([
    [{ name: 'http-x', port: 80 }],
    [{ name: 'http-x', port: 80, appProtocol: 'https' }],
    [{ name: 'x', port: 80, appProtocol: 'kubernetes.io/ws' }],
    [{ name: 'x', port: 80, appProtocol: 'kubernetes.io/wss' }],
    [{ name: 'grpc-web-x', port: 80 }],
    [{ name: 'random', port: 3306 }],
    [{ name: 'x', port: 80, protocol: 'UDP' }],
  ])('%j has a protocol Istio knows', (port) => {
    clean(servicePortProtocolUndeclared, [svc([port])]);
  });

  test.each([
    [{ name: 'grpcweb-x', port: 80 }, 'spec.ports[0].name'],
    [{ port: 80 }, 'spec.ports[0].name'],
  ])('%j has none', (port, path) => {
    one(servicePortProtocolUndeclared, [svc([port])], { path });
  });
});

describe('service-port-protocol-undeclared severity', () => {
  test('stays information, as istioctl\'s IST0118, with the reason in its docs: sidecars sniff HTTP on such ports', () => {
    const r = ruleById('service-port-protocol-undeclared');
    expect(r.severity).toBe(Severity.INFO);
    expect(r.docs).toContain('Why information, not a warning');
    expect(r.docs).toContain('recognises HTTP/1.1 and HTTP/2');
  });
});
