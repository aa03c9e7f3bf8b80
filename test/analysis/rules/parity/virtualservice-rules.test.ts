import { gateway, requestAuthentication, run, runWith, service, serviceEntry, virtualService, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { virtualServiceDestinationHostNotFound } from '../../../../src/analysis/rules/virtualservice/virtualservice-destination-host-not-found';
import { virtualServiceDestinationPortNotFound } from '../../../../src/analysis/rules/virtualservice/virtualservice-destination-port-not-found';
import { virtualServiceDestinationPortRequired } from '../../../../src/analysis/rules/virtualservice/virtualservice-destination-port-required';
import { virtualServiceGatewayIgnoresSubsetRouting } from '../../../../src/analysis/rules/virtualservice/virtualservice-gateway-ignores-subset-routing';
import { virtualServiceInternalGatewayReference } from '../../../../src/analysis/rules/virtualservice/virtualservice-internal-gateway-reference';
import { virtualServiceJwtClaimRouteWithoutAuthn } from '../../../../src/analysis/rules/virtualservice/virtualservice-jwt-claim-route-without-authn';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

const reviews = workload('reviews', 'shop', { app: 'reviews' });
const reviewsSvc = service('reviews', 'shop', { app: 'reviews' }, [{ name: 'http', port: 9080 }]);
const route = (host: string, extra: any = {}) => ({ http: [{ route: [{ destination: { host, ...extra } }] }] });

describe('virtualservice-destination-host-not-found (IST0101)', () => {
  test('reports a destination host no Service of the app declares', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reveiws') });
    const ds = run(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'virtualservice-destination-host-not-found',
      severity: Severity.ERROR,
      istioCode: 'IST0101',
      path: 'spec.http[0].route[0].destination.host',
    });
    expect(ds[0].message).toContain('destination host "reveiws" (reveiws.shop.svc.cluster.local) is not declared');
  });

  test('explains that "name.namespace" hosts are not expanded, and names the Service meant', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reviews.shop') });
    const ds = run(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, vs]);
    expect(ds[0].message).toContain('does not expand "name.namespace" hosts');
    expect(ds[0].fix).toBe('Write "reviews.shop.svc.cluster.local".');
  });

  test('reports a mirror to an external host without ServiceEntry as a warning, since the ServiceEntry may live elsewhere', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], mirror: { host: 'shadow.example.com' } }] });
    const ds = run(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0].path).toBe('spec.http[0].mirror.host');
    expect(ds[0].message).toContain('mirror host "shadow.example.com"');
    expect(ds[0].severity).toBe(Severity.WARNING);
    expect(ds[0].message).toContain('istioctl reports this as an error');
  });

  test('accepts Services, ServiceEntries and hosts in namespaces the app does not define', () => {
    const se = serviceEntry('ext', 'shop', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS' });
    const vss = [
      virtualService('a', 'shop', { hosts: ['reviews'], ...route('reviews') }),
      virtualService('b', 'shop', { hosts: ['api.example.com'], ...route('api.example.com') }),
      virtualService('c', 'shop', { hosts: ['x'], ...route('ratings.billing.svc.cluster.local') }),
    ];
    expectValidIstioObjects([se, ...vss]);
    expect(run(virtualServiceDestinationHostNotFound, [reviews, reviewsSvc, se, ...vss])).toEqual([]);
  });
});

describe('virtualservice-destination-port-required (IST0112)', () => {
  const twoPorts = service('reviews', 'shop', { app: 'reviews' }, [{ name: 'http', port: 9080 }, { name: 'grpc', port: 9090 }]);

  test('reports a destination without port to a Service with two ports', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reviews') });
    const ds = run(virtualServiceDestinationPortRequired, [twoPorts, vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'virtualservice-destination-port-required', severity: Severity.ERROR, istioCode: 'IST0112', path: 'spec.http[0].route[0].destination' });
    expect(ds[0].message).toContain('Service shop/reviews exposes ports 9080, 9090');
  });

  test('accepts a destination with a port, or to a single-port Service', () => {
    const withPort = virtualService('a', 'shop', { hosts: ['reviews'], ...route('reviews', { port: { number: 9080 } }) });
    expect(run(virtualServiceDestinationPortRequired, [twoPorts, withPort])).toEqual([]);
    const single = virtualService('b', 'shop', { hosts: ['reviews'], ...route('reviews') });
    expect(run(virtualServiceDestinationPortRequired, [reviewsSvc, single])).toEqual([]);
  });
});

describe('virtualservice-destination-port-not-found (IST0101)', () => {
  test('reports a destination port the Service does not expose (a container port, typically)', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reviews', { port: { number: 8080 } }) });
    const ds = run(virtualServiceDestinationPortNotFound, [reviewsSvc, vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ istioCode: 'IST0101', path: 'spec.http[0].route[0].destination.port.number' });
    expect(ds[0].message).toContain('uses port 8080, which Service shop/reviews does not expose (its ports: 9080)');
  });

  test('accepts a port of the Service, and checks ServiceEntry port numbers', () => {
    const se = serviceEntry('ext', 'shop', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS' });
    const ok = virtualService('a', 'shop', { hosts: ['reviews'], ...route('reviews', { port: { number: 9080 } }) });
    const ext = virtualService('b', 'shop', { hosts: ['api.example.com'], tls: [{ match: [{ sniHosts: ['api.example.com'] }], route: [{ destination: { host: 'api.example.com', port: { number: 443 } } }] }] });
    expect(run(virtualServiceDestinationPortNotFound, [reviewsSvc, se, ok, ext])).toEqual([]);
  });
});

describe('virtualservice-gateway-ignores-subset-routing (IST0140)', () => {
  const mesh = virtualService('reviews', 'shop', {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 90 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 10 }] }],
  });

  test('warns when a gateway VirtualService routes without subset to a host split by subsets for the mesh', () => {
    const ingress = virtualService('reviews-ingress', 'shop', { hosts: ['shop.example.com'], gateways: ['shop-gateway'], ...route('reviews.shop.svc.cluster.local') });
    const ds = run(virtualServiceGatewayIgnoresSubsetRouting, [mesh, ingress]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'virtualservice-gateway-ignores-subset-routing',
      severity: Severity.WARNING,
      istioCode: 'IST0140',
      resource: { name: 'reviews-ingress' },
      path: 'spec.http[0].route[0].destination',
    });
    expect(ds[0].message).toContain('VirtualService shop/reviews routes that host by subsets for the mesh only');
  });

  test('is quiet when the gateway route names a subset, or the subset VirtualService is bound to the gateway too', () => {
    const withSubset = virtualService('a', 'shop', { hosts: ['shop.example.com'], gateways: ['shop-gateway'], ...route('reviews', { subset: 'v1' }) });
    expect(run(virtualServiceGatewayIgnoresSubsetRouting, [mesh, withSubset])).toEqual([]);
    const both = virtualService('reviews', 'shop', { ...mesh.spec, gateways: ['shop-gateway', 'mesh'] });
    const ingress = virtualService('b', 'shop', { hosts: ['shop.example.com'], gateways: ['shop/shop-gateway'], ...route('reviews') });
    expect(run(virtualServiceGatewayIgnoresSubsetRouting, [both, ingress])).toEqual([]);
  });
});

describe('virtualservice-jwt-claim-route-without-authn (IST0149)', () => {
  const ingressPods = workload('istio-ingressgateway', 'istio-system', { istio: 'ingressgateway' });
  const gw = gateway('shop-gateway', 'shop', { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] }] });
  const vs = virtualService('shop', 'shop', {
    hosts: ['shop.example.com'],
    gateways: ['shop-gateway'],
    http: [{ match: [{ headers: { '@request.auth.claims.group': { exact: 'beta' } } }], route: [{ destination: { host: 'reviews' } }] }],
  });

  test('reports claim routing at a gateway whose pods no RequestAuthentication selects', () => {
    const ds = run(virtualServiceJwtClaimRouteWithoutAuthn, [ingressPods, gw, vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'virtualservice-jwt-claim-route-without-authn',
      severity: Severity.ERROR,
      istioCode: 'IST0149',
      path: 'spec.http[0].match[0].headers["@request.auth.claims.group"]',
    });
    expect(ds[0].message).toContain('(Deployment istio-system/istio-ingressgateway)');
  });

  test('accepts a RequestAuthentication on the gateway pods, in their namespace or the root namespace', () => {
    const ra = requestAuthentication('jwt', 'istio-system', { selector: { matchLabels: { istio: 'ingressgateway' } }, jwtRules: [{ issuer: 'https://auth.example.com' }] });
    expectValidIstioObjects([gw, vs, ra]);
    expect(run(virtualServiceJwtClaimRouteWithoutAuthn, [ingressPods, gw, vs, ra])).toEqual([]);
    const meshWide = requestAuthentication('jwt', 'mesh-root', { jwtRules: [{ issuer: 'https://auth.example.com' }] });
    expect(runWith(virtualServiceJwtClaimRouteWithoutAuthn, [ingressPods, gw, vs, meshWide], { rootNamespace: 'mesh-root' })).toEqual([]);
  });

  test('cannot judge when the gateway pods are not in the app', () => {
    expect(run(virtualServiceJwtClaimRouteWithoutAuthn, [gw, vs])).toEqual([]);
  });
});

describe('virtualservice-internal-gateway-reference (IST0165)', () => {
  test('warns on a Gateway name Istio generates for a Gateway API gateway', () => {
    const vs = virtualService('web', 'shop', { hosts: ['web.example.com'], gateways: ['shop/web-istio-autogenerated-k8s-gateway-http'], ...route('web') });
    const ds = run(virtualServiceInternalGatewayReference, [vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'virtualservice-internal-gateway-reference', severity: Severity.WARNING, istioCode: 'IST0165', path: 'spec.gateways[0]' });
  });

  test('accepts Gateways the user defines', () => {
    const vs = virtualService('web', 'shop', { hosts: ['web.example.com'], gateways: ['shop/web-gateway', 'mesh'], ...route('web') });
    expect(run(virtualServiceInternalGatewayReference, [vs])).toEqual([]);
  });
});
