import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ClientTls, IstioApiVersion, LoadBalancer, Mesh, MeshService, MeshServiceSource, TrafficPolicy,
} from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';
import { ofKind, only, shopChart, synth } from '../fixtures/app';

const ROUND_ROBIN = new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin() });
const BREAKER = TrafficPolicy.circuitBreaker({ maxConnections: 10, consecutive5xxErrors: 3 });

/** Synthesizes, validates every object against Istio's CRDs, and returns the DestinationRule. */
function destinationRule(chart: Chart): any {
  const manifests = synth(chart);
  expectValidIstioObjects(manifests);
  return only(manifests, 'DestinationRule');
}

describe('MeshService: service-wide traffic policy', () => {
  test('the trafficPolicy prop creates a DestinationRule even without versions, with no subsets field', () => {
    const chart = shopChart();
    new MeshService(chart, 'api', { port: 8080, trafficPolicy: ROUND_ROBIN });
    const dr = destinationRule(chart);
    expect(dr.metadata).toEqual({ name: 'api', namespace: 'shop' });
    expect(dr.spec).toEqual({ host: 'api.shop.svc.cluster.local', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } });
  });

  test('applyTrafficPolicy after construction creates the DestinationRule', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    expect(api.destinationRule).toBeUndefined();
    api.applyTrafficPolicy(BREAKER);
    expect(api.destinationRule).toBeDefined();
    expect(destinationRule(chart).spec.trafficPolicy).toEqual({
      connectionPool: { tcp: { maxConnections: 10 } },
      outlierDetection: { consecutive5xxErrors: 3 },
    });
  });

  test('the last policy applied is the one rendered', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080, trafficPolicy: ROUND_ROBIN });
    api.applyTrafficPolicy(BREAKER);
    expect(api.trafficPolicy).toBe(BREAKER);
    expect(destinationRule(chart).spec.trafficPolicy.loadBalancer).toBeUndefined();
  });

  test('renders the service-wide policy next to the subsets', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080, trafficPolicy: ROUND_ROBIN });
    api.addVersionWithLabels('v1', { version: 'v1' });
    expect(destinationRule(chart).spec).toEqual({
      host: 'api.shop.svc.cluster.local',
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
  });

  test('rejects a bad policy when it is applied, naming the service path and the prop', () => {
    const api = new MeshService(shopChart(), 'api', { port: 8080 });
    expect(() => api.applyTrafficPolicy(new TrafficPolicy({ outlierDetection: { maxEjectionPercent: 120 } })))
      .toThrow(/^shop\/api: trafficPolicy\.outlierDetection\.maxEjectionPercent is 120/);
  });

  test('the DestinationRule of a policy is emitted before the VirtualService that routes to the service', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    api.addRoute({ name: 'all' });
    api.applyTrafficPolicy(ROUND_ROBIN);
    const kinds = synth(chart).map((m) => m.kind).filter((k) => k === 'DestinationRule' || k === 'VirtualService');
    expect(kinds).toEqual(['DestinationRule', 'VirtualService']);
  });

  test('originates TLS to a host defined elsewhere', () => {
    const chart = shopChart();
    new MeshService(chart, 'payments', {
      source: MeshServiceSource.fromHost('api.payments.example.com'),
      trafficPolicy: new TrafficPolicy({ tls: ClientTls.simple({ sni: 'api.payments.example.com' }) }),
    });
    expect(destinationRule(chart).spec).toEqual({
      host: 'api.payments.example.com',
      trafficPolicy: { tls: { mode: 'SIMPLE', sni: 'api.payments.example.com' } },
    });
  });

  test('renders a valid v1beta1 DestinationRule when the mesh asks for v1beta1', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { apiVersion: IstioApiVersion.V1BETA1 });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new MeshService(chart, 'api', {
      port: 8080,
      trafficPolicy: new TrafficPolicy({ loadBalancer: LoadBalancer.leastRequest({ warmup: { duration: Duration.seconds(30) } }) }),
    });
    const dr = destinationRule(chart);
    expect(dr.apiVersion).toBe('networking.istio.io/v1beta1');
    expect(dr.spec.trafficPolicy.loadBalancer.warmup).toEqual({ duration: '30s' });
  });
});

describe('MeshService: per-version traffic policy', () => {
  test('addVersion takes a traffic policy for its subset', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api');
    const workload = new kplus.Deployment(chart, 'api-v1', { containers: [{ image: 'api:1', portNumber: 8080 }] });
    api.addVersion('v1', workload, { trafficPolicy: ROUND_ROBIN });
    expect(destinationRule(chart).spec.subsets).toEqual([
      { name: 'v1', labels: { version: 'v1' }, trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } },
    ]);
  });

  test('addVersionFromObject takes a traffic policy for its subset', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    const workload = new kplus.Deployment(chart, 'api-v2', { containers: [{ image: 'api:2' }] });
    api.addVersionFromObject('v2', ApiObject.of(workload), { trafficPolicy: BREAKER });
    expect(destinationRule(chart).spec.subsets[0].trafficPolicy.connectionPool).toEqual({ tcp: { maxConnections: 10 } });
  });

  test('addVersionWithLabels takes a traffic policy for its subset', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    api.addVersionWithLabels('v3', { version: 'v3' }, { trafficPolicy: new TrafficPolicy({ tls: ClientTls.istioMutual() }) });
    expect(destinationRule(chart).spec.subsets[0].trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
  });

  test('version.applyTrafficPolicy after the version was added is reflected in its subset', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    const v1 = api.addVersionWithLabels('v1', { version: 'v1' });
    const v2 = api.addVersionWithLabels('v2', { version: 'v2' });
    v2.applyTrafficPolicy(BREAKER);
    expect(v2.trafficPolicy).toBe(BREAKER);
    expect(v1.trafficPolicy).toBeUndefined();
    const subsets = destinationRule(chart).spec.subsets;
    expect(subsets[0]).toEqual({ name: 'v1', labels: { version: 'v1' } });
    expect(subsets[1].trafficPolicy.outlierDetection).toEqual({ consecutive5xxErrors: 3 });
  });

  test('a version policy with port-level settings renders them in the subset', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    api.addVersionWithLabels('v1', { version: 'v1' }, {
      trafficPolicy: new TrafficPolicy({ portLevelSettings: [{ port: 8080, loadBalancer: LoadBalancer.random() }] }),
    });
    expect(destinationRule(chart).spec.subsets[0].trafficPolicy).toEqual({
      portLevelSettings: [{ port: { number: 8080 }, loadBalancer: { simple: 'RANDOM' } }],
    });
  });

  test('rejects a bad version policy naming the service\'s construct path and the version', () => {
    const api = new MeshService(shopChart(), 'api', { port: 8080 });
    expect(() => api.addVersionWithLabels('v2', { version: 'v2' }, { trafficPolicy: new TrafficPolicy({ tls: ClientTls.mutual({}) }) }))
      .toThrow(/^shop\/api: version 'v2' trafficPolicy\.tls has mode MUTUAL without a client certificate/);
  });

  test('a DestinationRule with versions but no policy renders as before', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    api.addVersionWithLabels('v1', { version: 'v1' });
    const dr = destinationRule(chart);
    expect(dr.spec).toEqual({ host: 'api.shop.svc.cluster.local', subsets: [{ name: 'v1', labels: { version: 'v1' } }] });
    expect(ofKind(synth(chart), 'DestinationRule')).toHaveLength(1);
  });
});
