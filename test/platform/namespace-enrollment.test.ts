import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DataplaneMode, NamespaceEnrollment, Waypoint, WaypointAllowedNamespaces, WaypointTrafficType } from '../../src';
import { only, shopChart, synthValid } from '../fixtures/app';

function namespaceObject(chart: Chart, name = 'shop'): any {
  return only(synthValid(chart), 'Namespace', name);
}

describe('NamespaceEnrollment: the label Istio reads', () => {
  test('sidecar() labels the namespace istio-injection: enabled', () => {
    const chart = shopChart();
    new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.sidecar() });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  });

  test('sidecarRevision() labels it istio.io/rev and not istio-injection (Istio would take istio-injection first)', () => {
    const chart = shopChart();
    new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.sidecarRevision('1-30-3') });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'istio.io/rev': '1-30-3' });
  });

  test('ambient() labels it istio.io/dataplane-mode: ambient', () => {
    const chart = shopChart();
    new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.ambient() });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
  });

  test('none() labels it istio-injection: disabled, an explicit opt-out', () => {
    const chart = shopChart();
    new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.none() });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'istio-injection': 'disabled' });
  });

  test('an invalid revision is refused', () => {
    expect(() => DataplaneMode.sidecarRevision('')).toThrow(/DataplaneMode.sidecarRevision\(\): revision "" is not a valid label value/);
    expect(() => DataplaneMode.sidecarRevision('1.30 canary')).toThrow(/is not a valid label value/);
  });

  test('a mode that is not a DataplaneMode is refused', () => {
    expect(() => new NamespaceEnrollment(shopChart(), 'mesh', { mode: 'sidecar' as any })).toThrow(/shop\/mesh: mode must be a DataplaneMode/);
  });

  test('modes describe themselves', () => {
    expect(DataplaneMode.sidecarRevision('canary').toString()).toBe('sidecar-revision(canary)');
    expect(DataplaneMode.ambient().mode).toBe('ambient');
  });
});

describe('NamespaceEnrollment: which Namespace', () => {
  test('by default it creates the chart\'s Namespace, cluster-scoped (no metadata.namespace)', () => {
    const chart = shopChart();
    const e = new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.sidecar() });
    const ns = namespaceObject(chart);
    expect(ns.apiVersion).toBe('v1');
    expect(ns.metadata).toEqual({ name: 'shop', labels: { 'istio-injection': 'enabled' } });
    expect(e.namespaceName).toBe('shop');
    expect(e.createdNamespace).toBeInstanceOf(ApiObject);
  });

  test('name creates a Namespace of that name', () => {
    const chart = new Chart(Testing.app(), 'c');
    new NamespaceEnrollment(chart, 'mesh', { name: 'payments', mode: DataplaneMode.ambient() });
    expect(namespaceObject(chart, 'payments').metadata).toEqual({ name: 'payments', labels: { 'istio.io/dataplane-mode': 'ambient' } });
  });

  test('a chart without namespace and no name is refused', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.sidecar() })).toThrow(/c\/mesh: the chart has no namespace.*set name: 'shop'/);
  });

  test('an invalid name is refused', () => {
    expect(() => new NamespaceEnrollment(shopChart(), 'mesh', { name: 'Shop', mode: DataplaneMode.sidecar() })).toThrow(/name 'Shop' is not a valid Kubernetes namespace name/);
  });

  test('labels a cdk8s-plus Namespace, keeping its own labels', () => {
    const chart = new Chart(Testing.app(), 'c');
    const ns = new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop', labels: { team: 'web' } } });
    const e = new NamespaceEnrollment(chart, 'mesh', { namespace: ns, mode: DataplaneMode.sidecar() });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'team': 'web', 'istio-injection': 'enabled' });
    expect(e.namespaceName).toBe('shop');
    expect(e.createdNamespace).toBeUndefined();
  });

  test('labels a plain Namespace ApiObject', () => {
    const chart = new Chart(Testing.app(), 'c');
    const obj = new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    new NamespaceEnrollment(chart, 'mesh', { namespaceObject: obj, mode: DataplaneMode.sidecarRevision('canary') });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'istio.io/rev': 'canary' });
  });

  test('a namespaceObject of another kind is refused', () => {
    const chart = shopChart();
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(() => new NamespaceEnrollment(chart, 'mesh', { namespaceObject: cm, mode: DataplaneMode.sidecar() }))
      .toThrow(/namespaceObject must be an ApiObject of kind Namespace \(got ConfigMap\)/);
  });

  test('more than one of namespace, namespaceObject and name is refused', () => {
    const chart = shopChart();
    const obj = new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    expect(() => new NamespaceEnrollment(chart, 'mesh', { namespaceObject: obj, name: 'shop', mode: DataplaneMode.sidecar() }))
      .toThrow(/set only one of namespace, namespaceObject and name/);
  });
});

describe('NamespaceEnrollment: one mode per namespace', () => {
  test('istio-injection already on the namespace refuses a revision (Istio would ignore istio.io/rev)', () => {
    const chart = new Chart(Testing.app(), 'c');
    const ns = new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } });
    expect(() => new NamespaceEnrollment(chart, 'mesh', { namespace: ns, mode: DataplaneMode.sidecarRevision('canary') }))
      .toThrow(/c\/mesh: Namespace shop \(c\/ns\) already has label istio-injection=enabled, which contradicts istio.io\/rev=canary.*istio-injection wins over istio.io\/rev/);
  });

  test('an ambient namespace refuses sidecar injection', () => {
    const chart = shopChart();
    const first = new NamespaceEnrollment(chart, 'ambient', { mode: DataplaneMode.ambient() });
    expect(() => new NamespaceEnrollment(chart, 'sidecar', { namespaceObject: first.createdNamespace, mode: DataplaneMode.sidecar() }))
      .toThrow(/already has label istio.io\/dataplane-mode=ambient, which contradicts istio-injection=enabled/);
  });

  test('enrolling twice with the same mode is accepted', () => {
    const chart = shopChart();
    const first = new NamespaceEnrollment(chart, 'a', { mode: DataplaneMode.sidecar() });
    new NamespaceEnrollment(chart, 'b', { namespaceObject: first.createdNamespace, mode: DataplaneMode.sidecar() });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  });
});

describe('NamespaceEnrollment: waypoint', () => {
  test('waypoint labels the namespace istio.io/use-waypoint', () => {
    const chart = shopChart();
    const waypoint = new Waypoint(chart, 'waypoint');
    new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.ambient(), waypoint });
    expect(namespaceObject(chart).metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' });
  });

  test('useWaypoint() after construction is reflected and kept in waypoint', () => {
    const chart = shopChart();
    const e = new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.ambient() });
    const waypoint = new Waypoint(chart, 'wp', { trafficType: WaypointTrafficType.ALL });
    e.useWaypoint(waypoint);
    expect(e.waypoint).toBe(waypoint);
    expect(namespaceObject(chart).metadata.labels['istio.io/use-waypoint']).toBe('wp');
  });

  test('a waypoint in another namespace adds istio.io/use-waypoint-namespace', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'mesh-infra' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const waypoint = new Waypoint(infra, 'waypoint', { allowedNamespaces: WaypointAllowedNamespaces.named(['shop']) });
    new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.ambient(), waypoint });
    expect(namespaceObject(chart).metadata.labels).toEqual({
      'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint', 'istio.io/use-waypoint-namespace': 'mesh-infra',
    });
  });

  test('a waypoint that only accepts its own namespace is refused for another namespace', () => {
    const app = Testing.app();
    const waypoint = new Waypoint(new Chart(app, 'infra', { namespace: 'mesh-infra' }), 'waypoint');
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    expect(() => new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.ambient(), waypoint }))
      .toThrow(/shop\/mesh: waypoint: Namespace shop \(shop\/mesh\/Namespace\) is in namespace 'shop', which waypoint mesh-infra\/waypoint does not accept/);
  });

  test('a waypoint for workload traffic only serves a namespace too (its pods)', () => {
    const chart = shopChart();
    const waypoint = new Waypoint(chart, 'wp', { trafficType: WaypointTrafficType.WORKLOAD });
    new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.ambient(), waypoint });
    expect(namespaceObject(chart).metadata.labels['istio.io/use-waypoint']).toBe('wp');
  });

  test('a waypoint that is not a Waypoint is refused', () => {
    const e = new NamespaceEnrollment(shopChart(), 'mesh', { mode: DataplaneMode.ambient() });
    expect(() => e.useWaypoint({ name: 'waypoint' } as any)).toThrow(/shop\/mesh: waypoint must be a Waypoint/);
  });
});
