import { Severity } from '../../../../src/analysis/diagnostic';
import { service, serviceEntry } from '../../../fixtures/manifests';
import { clean, one, ruleById, run } from '../../../fixtures/rules';

const serviceEntryConflictingHosts = ruleById('serviceentry-conflicting-hosts');

const se = (name: string, namespace: string, spec: any) => serviceEntry(name, namespace, { location: 'MESH_EXTERNAL', resolution: 'DNS', ...spec });
const port = (number: number, name: string, protocol: string) => ({ number, name, protocol });

describe('serviceentry-conflicting-hosts', () => {
  test('reports a ServiceEntry for the host of a Kubernetes Service, which Istio ignores', () => {
    const svc = service('reviews', 'shop', { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] });
    const entry = serviceEntry('reviews', 'shop', { hosts: ['reviews.shop.svc.cluster.local'], location: 'MESH_INTERNAL', resolution: 'STATIC', ports: [port(9080, 'http', 'HTTP')], endpoints: [{ address: '10.0.0.8' }] });
    const d = one(serviceEntryConflictingHosts, [svc, entry], { path: 'spec.hosts[0]', severity: Severity.WARNING });
    expect(d.istioCode).toBeUndefined();
    expect(d.message).toContain('Kubernetes Service shop/reviews');
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
    clean(serviceEntryConflictingHosts, [
      se('api', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] }),
      se('api-http', 'shop', { hosts: ['api.example.com'], ports: [port(80, 'http', 'HTTP')] }),
      se('db-a', 'team-a', { hosts: ['db.example.com'], exportTo: ['.'], ports: [port(443, 'https', 'HTTPS')] }),
      se('db-b', 'team-b', { hosts: ['db.example.com'], exportTo: ['.'], resolution: 'NONE', ports: [port(8443, 'https', 'HTTPS')] }),
    ]);
  });
});
