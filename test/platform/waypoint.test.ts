import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AuthorizationPolicy, AuthorizationRule, MeshService, MeshServiceSource, Principal, RuleSource, Telemetry, Waypoint,
  WaypointAllowedNamespaces, WaypointTrafficType,
} from '../../src';
import { only, shopChart, synthValid } from '../fixtures/app';

/**
 * The Gateway API Gateway is not an Istio CRD, so the schema validator does not check it: this
 * checks by hand the shape Istio expects of a waypoint (as `istioctl waypoint generate` writes it).
 */
function expectWaypointShape(gw: any): void {
  expect(Object.keys(gw).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
  expect(gw.kind).toBe('Gateway');
  expect(typeof gw.metadata.name).toBe('string');
  expect(typeof gw.metadata.namespace).toBe('string');
  expect(Object.keys(gw.spec).sort()).toEqual(['gatewayClassName', 'listeners']);
  expect(gw.spec.gatewayClassName).toBe('istio-waypoint');
  expect(gw.spec.listeners).toHaveLength(1);
  const listener = gw.spec.listeners[0];
  expect(listener).toMatchObject({ name: 'mesh', port: 15008, protocol: 'HBONE' });
  expect(Object.keys(listener).filter((k) => !['name', 'port', 'protocol', 'allowedRoutes'].includes(k))).toEqual([]);
  expect(['service', 'workload', 'all', 'none']).toContain(gw.metadata.labels['istio.io/waypoint-for']);
}

function gateway(chart: Chart): any {
  const gw = only(synthValid(chart), 'Gateway');
  expectWaypointShape(gw);
  return gw;
}

function labelsOf(manifests: any[], kind: string, name: string): Record<string, string> {
  return only(manifests, kind, name).metadata.labels ?? {};
}

describe('Waypoint: the Gateway', () => {
  test('is a Gateway API Gateway of class istio-waypoint with one HBONE listener on 15008, for service traffic', () => {
    const chart = shopChart();
    new Waypoint(chart, 'Waypoint');
    expect(gateway(chart)).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'waypoint', namespace: 'shop', labels: { 'istio.io/waypoint-for': 'service' } },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
    });
  });

  test.each([
    [WaypointTrafficType.WORKLOAD, 'workload'],
    [WaypointTrafficType.ALL, 'all'],
    [WaypointTrafficType.NONE, 'none'],
  ])('trafficType %s is the istio.io/waypoint-for label', (trafficType, label) => {
    const chart = shopChart();
    new Waypoint(chart, 'wp', { trafficType });
    expect(gateway(chart).metadata.labels['istio.io/waypoint-for']).toBe(label);
  });

  test('an unknown trafficType is refused', () => {
    expect(() => new Waypoint(shopChart(), 'wp', { trafficType: 'pods' as any })).toThrow(/shop\/wp: trafficType is "pods"; use WaypointTrafficType/);
  });

  test('name, namespace and revision are written', () => {
    const chart = shopChart();
    new Waypoint(chart, 'wp', { name: 'reviews-waypoint', namespace: 'mesh-infra', revision: '1-30-3' });
    const gw = gateway(chart);
    expect(gw.metadata).toEqual({ name: 'reviews-waypoint', namespace: 'mesh-infra', labels: { 'istio.io/waypoint-for': 'service', 'istio.io/rev': '1-30-3' } });
  });

  test('a chart without namespace puts it in default', () => {
    const chart = new Chart(Testing.app(), 'c');
    new Waypoint(chart, 'wp');
    expect(gateway(chart).metadata.namespace).toBe('default');
  });

  test('the name none is refused: it is the value that opts out of waypoints', () => {
    expect(() => new Waypoint(shopChart(), 'wp', { name: 'none' })).toThrow(/shop\/wp: name 'none' is reserved/);
  });

  test('a name that cannot name a Service is refused', () => {
    expect(() => new Waypoint(shopChart(), 'wp', { name: 'Reviews.WP' })).toThrow(/name 'Reviews.WP' is not a valid waypoint name.*'reviews-wp'/);
  });

  test('an invalid revision is refused', () => {
    expect(() => new Waypoint(shopChart(), 'wp', { revision: '1.30/3' })).toThrow(/revision "1.30\/3" is not a valid label value/);
  });
});

describe('Waypoint: allowed namespaces', () => {
  test('same() (the default) writes no allowedRoutes', () => {
    const chart = shopChart();
    new Waypoint(chart, 'wp', { allowedNamespaces: WaypointAllowedNamespaces.same() });
    expect(gateway(chart).spec.listeners[0].allowedRoutes).toBeUndefined();
  });

  test('all() allows every namespace', () => {
    const chart = shopChart();
    new Waypoint(chart, 'wp', { allowedNamespaces: WaypointAllowedNamespaces.all() });
    expect(gateway(chart).spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'All' } });
  });

  test('named() selects namespaces by their kubernetes.io/metadata.name label', () => {
    const chart = shopChart();
    new Waypoint(chart, 'wp', { allowedNamespaces: WaypointAllowedNamespaces.named(['shop', 'billing', 'shop']) });
    expect(gateway(chart).spec.listeners[0].allowedRoutes).toEqual({
      namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['billing', 'shop'] }] } },
    });
  });

  test('withLabels() selects namespaces by labels', () => {
    const chart = shopChart();
    new Waypoint(chart, 'wp', { allowedNamespaces: WaypointAllowedNamespaces.withLabels({ team: 'payments' }) });
    expect(gateway(chart).spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { team: 'payments' } } } });
  });

  test('named() needs valid names, at least one', () => {
    expect(() => WaypointAllowedNamespaces.named([])).toThrow(/give at least one namespace name/);
    expect(() => WaypointAllowedNamespaces.named(['Shop'])).toThrow(/"Shop" is not a valid namespace name/);
  });

  test('withLabels() needs valid labels, at least one', () => {
    expect(() => WaypointAllowedNamespaces.withLabels({})).toThrow(/give at least one label/);
    expect(() => WaypointAllowedNamespaces.withLabels({ team: 'a b' })).toThrow(/team=a b is not a valid Kubernetes label/);
  });
});

describe('Waypoint: services that use it', () => {
  test('addMeshService labels the Service the MeshService creates', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint');
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    wp.addMeshService(reviews);
    expect(labelsOf(synthValid(chart), 'Service', 'reviews')).toEqual({ 'app': 'reviews', 'istio.io/use-waypoint': 'waypoint' });
  });

  test('addMeshService on a MeshService of a host is refused: there is no Service to label', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint');
    const ext = new MeshService(chart, 'ext', { source: MeshServiceSource.fromHost('api.example.com') });
    expect(() => wp.addMeshService(ext)).toThrow(/shop\/waypoint: addMeshService\(shop\/ext\): this MeshService adopts a Service or a host.*addServiceObject/);
  });

  test('addService labels a cdk8s-plus Service', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint');
    const svc = new kplus.Service(chart, 'details', { ports: [{ port: 9080 }] });
    wp.addService(svc);
    expect(labelsOf(synthValid(chart), 'Service', svc.name)['istio.io/use-waypoint']).toBe('waypoint');
  });

  test('addServiceObject labels a plain Service or ServiceEntry', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint');
    wp.addServiceObject(new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ratings' }, spec: { ports: [{ port: 9080, name: 'http' }], selector: { app: 'ratings' } } }));
    wp.addServiceObject(new ApiObject(chart, 'se', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'httpbin' },
      spec: { hosts: ['httpbin.org'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS' },
    }));
    const m = synthValid(chart);
    expect(labelsOf(m, 'Service', 'ratings')).toEqual({ 'istio.io/use-waypoint': 'waypoint' });
    expect(labelsOf(m, 'ServiceEntry', 'httpbin')).toEqual({ 'istio.io/use-waypoint': 'waypoint' });
  });

  test('addServiceObject refuses other kinds', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint');
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(() => wp.addServiceObject(cm)).toThrow(/addServiceObject\(shop\/cm\): pass a Service or ServiceEntry ApiObject \(got ConfigMap\)/);
  });

  test('a service in another namespace also gets istio.io/use-waypoint-namespace', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'mesh-infra' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const wp = new Waypoint(infra, 'waypoint', { allowedNamespaces: WaypointAllowedNamespaces.all() });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    wp.addMeshService(reviews);
    expect(labelsOf(synthValid(chart), 'Service', 'reviews')).toEqual({
      'app': 'reviews', 'istio.io/use-waypoint': 'waypoint', 'istio.io/use-waypoint-namespace': 'mesh-infra',
    });
  });

  test('a service in a namespace the waypoint does not accept is refused', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'mesh-infra' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const wp = new Waypoint(infra, 'waypoint');
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    expect(() => wp.addMeshService(reviews)).toThrow(
      /infra\/waypoint: addMeshService\(shop\/reviews\): Service shop\/reviews\/Service is in namespace 'shop', which waypoint mesh-infra\/waypoint does not accept \(allowedNamespaces: Same\).*WaypointAllowedNamespaces.all\(\)/,
    );
  });

  test('a named namespace list accepts the namespaces it names and refuses the others', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'mesh-infra' });
    const wp = new Waypoint(infra, 'waypoint', { allowedNamespaces: WaypointAllowedNamespaces.named(['shop']) });
    wp.addMeshService(new MeshService(new Chart(app, 'shop', { namespace: 'shop' }), 'reviews', { port: 9080 }));
    const other = new MeshService(new Chart(app, 'billing', { namespace: 'billing' }), 'invoices', { port: 80 });
    expect(() => wp.addMeshService(other)).toThrow(/in namespace 'billing', which waypoint mesh-infra\/waypoint does not accept \(allowedNamespaces: Selector\)/);
  });

  test('a waypoint for workload traffic only is refused for a Service', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'wp', { trafficType: WaypointTrafficType.WORKLOAD });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    expect(() => wp.addMeshService(reviews)).toThrow(/waypoint shop\/wp handles only workload traffic.*trafficType: WaypointTrafficType.SERVICE or ALL/);
  });

  test('a waypoint for all traffic is accepted for a Service', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'wp', { trafficType: WaypointTrafficType.ALL });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    wp.addMeshService(reviews);
    expect(labelsOf(synthValid(chart), 'Service', 'reviews')['istio.io/use-waypoint']).toBe('wp');
  });

  test('a Service that already uses another waypoint is refused; the same waypoint twice is fine', () => {
    const chart = shopChart();
    const a = new Waypoint(chart, 'a');
    const b = new Waypoint(chart, 'b');
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    a.addMeshService(reviews);
    a.addMeshService(reviews);
    expect(() => b.addMeshService(reviews)).toThrow(/already has label istio.io\/use-waypoint=a, which contradicts istio.io\/use-waypoint=b/);
  });
});

describe('Waypoint: policies attached to it', () => {
  test('targetReference points policies at the Gateway', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint');
    new AuthorizationPolicy(chart, 'viewer', {
      targetRefs: [wp.targetReference],
      rules: [new AuthorizationRule({ from: [RuleSource.fromNamespaces('shop')] })],
    });
    new Telemetry(chart, 'logs', { targetRefs: [wp.targetReference], accessLogging: [{ providers: ['envoy'] }] });
    const m = synthValid(chart);
    const ref = [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }];
    expect(only(m, 'AuthorizationPolicy').spec.targetRefs).toEqual(ref);
    expect(only(m, 'Telemetry').spec.targetRefs).toEqual(ref);
  });

  test('principal is the waypoint\'s service account, named after the Gateway', () => {
    const wp = new Waypoint(shopChart(), 'reviews-wp');
    expect(wp.principal.toIdentity('cluster.local')).toBe('cluster.local/ns/shop/sa/reviews-wp');
    expect(wp.principal).toBeInstanceOf(Principal);
  });
});
