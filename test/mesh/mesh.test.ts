import { Chart, Testing } from 'cdk8s';
import { IstioApiVersion, Mesh, MeshService } from '../../src';
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
