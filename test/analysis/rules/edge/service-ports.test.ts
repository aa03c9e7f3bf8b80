import { expectClean, run, service } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { servicePortProtocol } from '../../../../src/analysis/validators/protocols';
import { serviceExternalNamePortName } from '../../../../src/analysis/rules/service/service-externalname-port-name';
import { servicePortProtocolUndeclared } from '../../../../src/analysis/rules/service/service-port-protocol-undeclared';

const svc = (ports: any[], extra: any = {}, labels?: Record<string, string>) => service('api', 'shop', { selector: { app: 'api' }, ports, ...extra }, labels);

describe('service-port-protocol-undeclared', () => {
  test('reports a port whose name has no protocol prefix, suggesting one', () => {
    const ds = run(servicePortProtocolUndeclared, [svc([{ name: 'web', port: 80, targetPort: 8080 }])]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'service-port-protocol-undeclared', severity: Severity.INFO, istioCode: 'IST0118', path: 'spec.ports[0].name' });
    expect(ds[0].message).toContain('port 80, targetPort 8080');
    expect(ds[0].fix).toContain('http-web');
  });

  test('reports an unnamed port and a prefix Istio does not know (httpx, grpcweb)', () => {
    const ds = run(servicePortProtocolUndeclared, [svc([{ port: 80 }, { name: 'httpx-api', port: 81 }, { name: 'grpcweb-x', port: 82 }])]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ports[0].name', 'spec.ports[1].name', 'spec.ports[2].name']);
  });

  test('appProtocol wins over the name: an unknown appProtocol is reported even with a good name', () => {
    const ds = run(servicePortProtocolUndeclared, [svc([{ name: 'http', port: 80, appProtocol: 'h2c' }])]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ports[0].appProtocol']);
    expect(ds[0].message).toContain('appProtocol "h2c" is not a protocol Istio knows');
  });

  test('accepts protocol prefixes, appProtocol (incl. kubernetes.io/h2c), UDP and the well-known TCP ports', () => {
    expectClean(servicePortProtocolUndeclared, [svc([
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
    expectClean(servicePortProtocolUndeclared, [
      service('kube-dns', 'kube-system', { ports: [{ name: 'metrics', port: 9153 }] }),
      service('istiod', 'istio-system', { ports: [{ name: 'grpc-xds', port: 15010 }, { name: 'webhook', port: 443 }] }, { istio: 'pilot' }),
    ]);
  });
});

describe('service-externalname-port-name', () => {
  test('reports an ExternalName port named "tcp"', () => {
    const ds = run(serviceExternalNamePortName, [service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ name: 'tcp', port: 5432 }] })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0150', path: 'spec.ports[0]' });
    expect(run(servicePortProtocolUndeclared, [service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ name: 'tcp', port: 5432 }] })])).toEqual([]);
  });

  test('accepts an ExternalName port with a protocol prefix', () => {
    expectClean(serviceExternalNamePortName, [service('api', 'shop', { type: 'ExternalName', externalName: 'api.example.com', ports: [{ name: 'https-api', port: 443 }] })]);
  });
});

describe('servicePortProtocol (Istio ConvertProtocol)', () => {
  test.each([
    [{ name: 'http-x' }, 'HTTP'],
    [{ name: 'http-x', appProtocol: 'https' }, 'HTTPS'],
    [{ name: 'x', appProtocol: 'kubernetes.io/ws' }, 'HTTP'],
    [{ name: 'x', appProtocol: 'kubernetes.io/wss' }, 'HTTPS'],
    [{ name: 'grpc-web-x' }, 'GRPC-Web'],
    [{ name: 'grpcweb-x' }, 'unsupported'],
    [{ name: 'random', port: 3306 }, 'TCP'],
    [{ name: 'x', protocol: 'UDP' }, 'UDP'],
    [{}, 'unsupported'],
  ])('%j is %s', (port, expected) => {
    expect(servicePortProtocol(port).protocol).toBe(expected);
  });
});
