import { expectClean, meshConfigMap, run, service, serviceEntry } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { serviceEntryAddressesRequired } from '../../../../src/analysis/rules/serviceentry/serviceentry-addresses-required';
import { serviceEntryConflictingHosts } from '../../../../src/analysis/rules/serviceentry/serviceentry-conflicting-hosts';
import { serviceEntryConflictingProtocols } from '../../../../src/analysis/rules/serviceentry/serviceentry-conflicting-protocols';

const se = (name: string, namespace: string, spec: any) => serviceEntry(name, namespace, { location: 'MESH_EXTERNAL', resolution: 'DNS', ...spec });
const port = (number: number, name: string, protocol: string) => ({ number, name, protocol });

describe('serviceentry-conflicting-protocols', () => {
  test('warns on every ServiceEntry defining one host and port with different protocols', () => {
    const a = se('api-https', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] });
    const b = se('api-tls', 'billing', { hosts: ['api.example.com'], ports: [port(443, 'tls', 'TLS')] });
    const ds = run(serviceEntryConflictingProtocols, [a, b]);
    expect(ds.map((d) => d.resource.name)).toEqual(['api-https', 'api-tls']);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0177', path: 'spec.ports[0].protocol' });
    expect(ds[0].message).toContain('billing/api-tls, shop/api-https');
    expect(ds[0].message).toContain('HTTPS, TLS');
  });

  test('compares a namespace-private entry with public ones, not with another namespace\'s private one', () => {
    const pub = se('pub', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] });
    const own = se('own', 'billing', { hosts: ['api.example.com'], exportTo: ['.'], ports: [port(443, 'tls', 'TLS')] });
    expect(run(serviceEntryConflictingProtocols, [pub, own])).toHaveLength(2);
    const other = se('other', 'shop', { hosts: ['api.example.com'], exportTo: ['.'], ports: [port(443, 'tls', 'TLS')] });
    expectClean(serviceEntryConflictingProtocols, [se('priv', 'billing', { hosts: ['api.example.com'], exportTo: ['.'], ports: [port(443, 'https', 'HTTPS')] }), other]);
  });

  test('accepts the same protocol, or different ports', () => {
    expectClean(serviceEntryConflictingProtocols, [
      se('a', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] }),
      se('b', 'billing', { hosts: ['api.example.com'], ports: [port(443, 'https-api', 'HTTPS'), port(80, 'http', 'HTTP')] }),
    ]);
  });
});

describe('serviceentry-conflicting-hosts', () => {
  test('reports a ServiceEntry for the host of a Kubernetes Service, which Istio ignores', () => {
    const svc = service('reviews', 'shop', { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] });
    const entry = serviceEntry('reviews', 'shop', { hosts: ['reviews.shop.svc.cluster.local'], location: 'MESH_INTERNAL', resolution: 'STATIC', ports: [port(9080, 'http', 'HTTP')], endpoints: [{ address: '10.0.0.8' }] });
    const ds = run(serviceEntryConflictingHosts, [svc, entry]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'serviceentry-conflicting-hosts', severity: Severity.WARNING, path: 'spec.hosts[0]' });
    expect(ds[0].istioCode).toBeUndefined();
    expect(ds[0].message).toContain('Kubernetes Service shop/reviews');
  });

  test('reports a newer ServiceEntry Istio cannot merge with the older one, naming the lost ports', () => {
    const older = se('api', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] });
    const newer = se('api-admin', 'shop', { hosts: ['api.example.com'], resolution: 'NONE', ports: [port(8443, 'https-admin', 'HTTPS')] });
    const ds = run(serviceEntryConflictingHosts, [older, newer]);
    expect(ds.map((d) => d.resource.name)).toEqual(['api-admin']);
    expect(ds[0].message).toContain('resolutions differ (DNS, NONE)');
    expect(ds[0].message).toContain('port 8443');
  });

  test('reports a duplicate with the same ports but other settings', () => {
    const a = se('a', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] });
    const b = se('b', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')], endpoints: [{ address: 'eu.api.example.com' }] });
    expect(run(serviceEntryConflictingHosts, [a, b]).map((d) => d.resource.name)).toEqual(['b']);
  });

  test('accepts entries Istio merges (same namespace, resolution, labels, exportTo), and entries no namespace sees together', () => {
    expectClean(serviceEntryConflictingHosts, [
      se('api', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] }),
      se('api-http', 'shop', { hosts: ['api.example.com'], ports: [port(80, 'http', 'HTTP')] }),
      se('db-a', 'team-a', { hosts: ['db.example.com'], exportTo: ['.'], ports: [port(443, 'https', 'HTTPS')] }),
      se('db-b', 'team-b', { hosts: ['db.example.com'], exportTo: ['.'], resolution: 'NONE', ports: [port(8443, 'https', 'HTTPS')] }),
    ]);
  });
});

describe('serviceentry-addresses-required', () => {
  test('warns about a TCP port and a protocol-less port without addresses', () => {
    const entry = se('db', 'shop', { hosts: ['db.example.com'], ports: [port(5432, 'tcp-pg', 'TCP'), { number: 6379, name: 'redis' }] });
    const ds = run(serviceEntryAddressesRequired, [entry]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ports[0]', 'spec.ports[1]']);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0134' });
    expect(ds[0].fix).toContain('ISTIO_META_DNS_AUTO_ALLOCATE');
  });

  test('accepts addresses, HTTP/TLS ports, and DNS auto-allocation in the mesh config', () => {
    expectClean(serviceEntryAddressesRequired, [
      se('db', 'shop', { hosts: ['db.example.com'], addresses: ['10.10.0.5'], ports: [port(5432, 'tcp-pg', 'TCP')] }),
      se('api', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] }),
    ]);
    const mesh = meshConfigMap('defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: "true"\n    ISTIO_META_DNS_AUTO_ALLOCATE: "true"\n');
    expectClean(serviceEntryAddressesRequired, [mesh, se('db', 'shop', { hosts: ['db.example.com'], ports: [port(5432, 'tcp-pg', 'TCP')] })]);
  });
});
