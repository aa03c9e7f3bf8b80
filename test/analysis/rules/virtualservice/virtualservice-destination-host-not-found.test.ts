import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { selecting, service, serviceEntry, virtualService, workload } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const virtualServiceDestinationHostNotFound = ruleById('virtualservice-destination-host-not-found');

const reviews = workload('reviews', 'shop', { app: 'reviews' });
const reviewsSvc = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 9080 }]));
const route = (host: string, extra: any = {}) => ({ http: [{ route: [{ destination: { host, ...extra } }] }] });

describe('virtualservice-destination-host-not-found (IST0101)', () => {
  test('reports a destination host no Service of the app declares', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reveiws') });
    const d = one(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, vs], { path: 'spec.http[0].route[0].destination.host', severity: Severity.ERROR });
    expect(d.message).toContain('destination host "reveiws" (reveiws.shop.svc.cluster.local) is not declared');
  });

  test('explains that "name.namespace" hosts are not expanded, and names the Service meant', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reviews.shop') });
    const ds = run(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, vs]);
    expect(ds[0].message).toContain('does not expand "name.namespace" hosts');
    expect(ds[0].fix).toBe('Write "reviews.shop.svc.cluster.local".');
  });

  test('reports a mirror to an external host without ServiceEntry as a warning, since the ServiceEntry may live elsewhere', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], mirror: { host: 'shadow.example.com' } }] });
    const found = one(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, vs], { path: 'spec.http[0].mirror.host', severity: Severity.WARNING });
    expect(found.message).toContain('mirror host "shadow.example.com"');
    expect(found.message).toContain('istioctl reports this as an error');
  });

  test('accepts Services, ServiceEntries and hosts in namespaces the app does not define', () => {
    const se = serviceEntry('ext', 'shop', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS' });
    const vss = [
      virtualService('a', 'shop', { hosts: ['reviews'], ...route('reviews') }),
      virtualService('b', 'shop', { hosts: ['api.example.com'], ...route('api.example.com') }),
      virtualService('c', 'shop', { hosts: ['x'], ...route('ratings.billing.svc.cluster.local') }),
    ];
    expectValidIstioObjects([se, ...vss]);
    none(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, se, ...vss]);
  });

  test('only warns when the input holds no Service of the host\'s namespace (a routing sample without its app)', () => {
    const vs = virtualService('productpage', 'shop', { hosts: ['productpage'], ...route('productpage') });
    const d = one(virtualServiceDestinationHostNotFound, [reviews, vs], { path: 'spec.http[0].route[0].destination.host', severity: Severity.WARNING });
    expect(d.message).toContain('No Service of namespace shop is among them');
    const withApp = service('details', 'shop', selecting({ app: 'details' }, [{ name: 'http', port: 9080 }]));
    one(virtualServiceDestinationHostNotFound, [withApp, vs], { path: 'spec.http[0].route[0].destination.host', severity: Severity.ERROR });
  });

  describe('a host declared only by a ServiceEntry Istio cannot decode is missing, as istioctl drops the entry', () => {
    const entry = (spec: any) => serviceEntry('api', 'shop', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS', ...spec });
    const vs = virtualService('api', 'shop', { hosts: ['api.example.com'], ...route('api.example.com') });

    test('reports the host as an error, saying the ServiceEntry exists but is unreadable', () => {
      const d = one(virtualServiceDestinationHostNotFound, [entry({ location: 'MESH_SOMEWHERE' }), vs], { path: 'spec.http[0].route[0].destination.host', severity: Severity.ERROR });
      expect(d.message).toContain('is declared only by ServiceEntry shop/api');
      expect(d.message).toContain('ServiceEntry shop/api is in the analysed manifests, but Istio cannot decode it (spec.location is not one of its enum\'s names)');
      expect(d.fix).toContain('Fix ServiceEntry shop/api');
    });

    test('accepts the host when the ServiceEntry decodes', () => {
      none(virtualServiceDestinationHostNotFound, [entry({ location: 'MESH_EXTERNAL' }), vs]);
    });
  });
});
