import { Chart, Testing } from 'cdk8s';
import { IstioApiVersion, LoadBalancer, Mesh, MeshService, MeshServiceSource, TrafficPolicy } from '../../src';
import { only, synth } from '../fixtures/app';

describe('Mesh', () => {
  test('emits networking.istio.io/v1 by default', () => {
    const chart = new Chart(Testing.app(), 'c');
    new MeshService(chart, 'api', { port: 80 }).addVersionWithLabels('v1', { version: 'v1' });
    expect(only(synth(chart), 'DestinationRule').apiVersion).toBe('networking.istio.io/v1');
  });

  test('emits v1beta1 objects when the mesh is set to an older API version', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { apiVersion: IstioApiVersion.V1BETA1 });
    const chart = new Chart(app, 'c');
    new MeshService(chart, 'api', { port: 80 }).addVersionWithLabels('v1', { version: 'v1' });
    expect(only(synth(chart), 'DestinationRule').apiVersion).toBe('networking.istio.io/v1beta1');
  });

  test('Mesh.of returns the mesh created for the app', () => {
    const app = Testing.app();
    const mesh = new Mesh(app, 'mesh', { trustDomain: 'example.org' });
    const chart = new Chart(app, 'c');
    expect(Mesh.of(chart)).toBe(mesh);
    expect(new MeshService(chart, 'api', { port: 80 }).mesh.trustDomain).toBe('example.org');
  });

  test('Mesh.of creates a default mesh when the app has none', () => {
    const app = Testing.app();
    const mesh = Mesh.of(new Chart(app, 'c'));
    expect(mesh.trustDomain).toBe('cluster.local');
    expect(mesh.rootNamespace).toBe('istio-system');
    expect(mesh.apiVersion).toBe(IstioApiVersion.V1);
  });

  test('a second mesh in one app is rejected, naming the first', () => {
    const app = Testing.app();
    new Mesh(app, 'first');
    expect(() => new Mesh(app, 'second')).toThrow(/already has a Mesh \(first\)/);
  });

  test('serviceHost writes the fully qualified name with the cluster domain', () => {
    const mesh = new Mesh(Testing.app(), 'mesh', { clusterDomain: 'corp.local' });
    expect(mesh.serviceHost('reviews', 'shop')).toBe('reviews.shop.svc.corp.local');
  });
});

describe('Mesh: namespace props', () => {
  test('an empty rootNamespace is refused, naming the prop, instead of being written as namespace: ""', () => {
    expect(() => new Mesh(Testing.app(), 'mesh', { rootNamespace: '' }))
      .toThrow(/mesh: rootNamespace is empty, which kubectl reads as its current namespace; write a namespace name/);
  });

  test('an upper-case rootNamespace is refused with the DNS-1123 rule and a suggestion', () => {
    expect(() => new Mesh(Testing.app(), 'mesh', { rootNamespace: 'Istio-System' }))
      .toThrow(/rootNamespace is 'Istio-System', not a valid namespace name \(a DNS-1123 label.*'istio-system'/);
  });
});

describe('Mesh: object identity', () => {
  test('two mesh services for one host, each with a traffic policy, fail the synth naming both construct paths', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const policy = new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin() });
    new MeshService(chart, 'a', { source: MeshServiceSource.fromHost('reviews.shop.svc.cluster.local'), trafficPolicy: policy });
    new MeshService(chart, 'b', { source: MeshServiceSource.fromHost('reviews.shop.svc.cluster.local'), trafficPolicy: policy });
    expect(() => app.synth()).toThrow(/shop\/a\/DestinationRule and shop\/b\/DestinationRule both write DestinationRule shop\/reviews; kubectl apply would keep only the last/);
  });

  test('is checked with the analysis turned off', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { analyze: false });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new MeshService(chart, 'a', { name: 'api', port: 80 });
    new MeshService(chart, 'b', { name: 'api', port: 80 });
    expect(() => app.synth()).toThrow(/shop\/a\/Service and shop\/b\/Service both write Service shop\/api/);
  });

  test('objects of one name in two namespaces are distinct', () => {
    const app = Testing.app();
    new MeshService(new Chart(app, 'shop', { namespace: 'shop' }), 'api', { port: 80 });
    new MeshService(new Chart(app, 'shop2', { namespace: 'shop2' }), 'api', { port: 80 });
    expect(() => app.synth()).not.toThrow();
  });
});
