/**
 * The benchmark's synthetic mesh: what each service holds, that it is a correct mesh (schema-valid,
 * no diagnostic), and that the plain-cdk8s baseline writes exactly the same manifests. No timing here.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { buildBaselineApp, buildMeshApp, buildPlusBaselineApp, layout, lintCorpusManifests, OBJECTS_PER_SERVICE } from '../../bench/mesh-generator';
import { Mesh } from '../../src';
import { analyzeSources } from '../../src/analysis/analysis-run';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

const SHAPE = { services: 7, servicesPerNamespace: 3 };

function parseYaml(text: string): any[] {
  return parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d !== null);
}

function ofService(all: any[], kind: string, name: string): any {
  const found = all.filter((m) => m.kind === kind && m.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('layout', () => {
  test('puts servicesPerNamespace services in each namespace, in order', () => {
    const namespaces = layout(SHAPE);
    expect(namespaces.map((n) => [n.namespace, n.services.map((s) => s.name)])).toEqual([
      ['team-0', ['svc-0', 'svc-1', 'svc-2']],
      ['team-1', ['svc-3', 'svc-4', 'svc-5']],
      ['team-2', ['svc-6']],
    ]);
  });

  test('each service is called by the one before it, the first by the last (across namespaces)', () => {
    const slots = layout(SHAPE).flatMap((n) => n.services);
    expect(slots[0].caller).toEqual({ name: 'svc-6', namespace: 'team-2' });
    expect(slots[3].caller).toEqual({ name: 'svc-2', namespace: 'team-0' });
  });

  test('refuses a size that is not a whole number of at least 1', () => {
    expect(() => layout({ services: 0 })).toThrow(/services must be a whole number of at least 1, got 0/);
    expect(() => layout({ services: 5, servicesPerNamespace: 1.5 })).toThrow(/servicesPerNamespace/);
  });
});

describe('the mesh built with the constructs', () => {
  const app = buildMeshApp(SHAPE);
  const all = parseYaml(app.synthYaml());

  test('has the same objects for every service', () => {
    expect(all).toHaveLength(SHAPE.services * OBJECTS_PER_SERVICE);
    const kinds = all.filter((m) => m.metadata.namespace === 'team-0').map((m) => m.kind).sort();
    expect(kinds).toEqual([
      ...Array(3).fill('AuthorizationPolicy'), ...Array(6).fill('Deployment'), ...Array(3).fill('DestinationRule'),
      ...Array(3).fill('PeerAuthentication'), ...Array(3).fill('Service'), ...Array(3).fill('ServiceAccount'),
      ...Array(3).fill('VirtualService'),
    ]);
  });

  test('routes the canary header to v2 first, then splits 90/10 with retries and a timeout', () => {
    const vs = ofService(all, 'VirtualService', 'svc-1');
    expect(vs.spec.http[0]).toEqual({
      match: [{ headers: { 'x-canary': { exact: 'always' } } }],
      route: [{ destination: { host: 'svc-1.team-0.svc.cluster.local', subset: 'v2' } }],
    });
    expect(vs.spec.http[1].route.map((r: any) => [r.destination.subset, r.weight])).toEqual([['v1', 90], ['v2', 10]]);
    expect(vs.spec.http[1]).toMatchObject({ timeout: '5s', retries: { attempts: 3, perTryTimeout: '1s' } });
  });

  test('has a circuit breaker and two subsets on its DestinationRule', () => {
    const dr = ofService(all, 'DestinationRule', 'svc-1');
    expect(dr.spec.trafficPolicy.connectionPool).toEqual({ http: { http1MaxPendingRequests: 10 }, tcp: { maxConnections: 100 } });
    expect(dr.spec.trafficPolicy.outlierDetection).toMatchObject({ consecutive5xxErrors: 5 });
    expect(dr.spec.subsets.map((s: any) => s.name)).toEqual(['v1', 'v2']);
  });

  test('requires mTLS for its workloads and allows only its caller', () => {
    expect(ofService(all, 'PeerAuthentication', 'svc-4-mtls').spec).toEqual({ mtls: { mode: 'STRICT' }, selector: { matchLabels: { app: 'svc-4' } } });
    expect(ofService(all, 'AuthorizationPolicy', 'svc-4-allow').spec).toEqual({
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/team-1/sa/svc-3'] } }] }],
      selector: { matchLabels: { app: 'svc-4' } },
    });
  });

  test('runs each version as its own Deployment with the service account of the service', () => {
    const v2 = ofService(all, 'Deployment', 'svc-4-v2');
    expect(v2.spec.template.metadata.labels).toMatchObject({ app: 'svc-4', version: 'v2' });
    expect(v2.spec.template.spec.serviceAccountName).toBe('svc-4');
  });

  test('every Istio object passes Istio\'s CRD schema', () => {
    expectValidIstioObjects(all);
  });

  test('the analysis finds nothing to report', () => {
    expect(Mesh.of(app).analyze()).toEqual([]);
  });
});

describe('the baseline', () => {
  test('writes exactly the manifests the constructs write, in the same order', () => {
    expect(buildBaselineApp(SHAPE).synthYaml()).toBe(buildMeshApp(SHAPE).synthYaml());
  });

  test('with cdk8s-plus workloads, writes the same manifests too', () => {
    expect(buildPlusBaselineApp(SHAPE).synthYaml()).toBe(buildMeshApp(SHAPE).synthYaml());
  });

  test('uses plain ApiObjects only: no Mesh, so no analysis', () => {
    const app = buildBaselineApp(SHAPE);
    const types = new Set(app.node.findAll().map((c) => c.constructor.name));
    expect([...types].sort()).toEqual(['ApiObject', 'App', 'Chart']);
  });
});

describe('lintCorpusManifests', () => {
  test('the lint-at-scale corpus is a mesh the analysis finds nothing in, 8 objects a service', () => {
    const manifests = layout(SHAPE).flatMap((n) => n.services).flatMap((s) => lintCorpusManifests(s));
    expect(manifests).toHaveLength(SHAPE.services * OBJECTS_PER_SERVICE);
    expect(analyzeSources(manifests.map((manifest) => ({ manifest })))).toEqual([]);
  });

  test('its YAML has no anchors or aliases: every object is written out in full', () => {
    const [slot] = layout(SHAPE)[0].services;
    const text = lintCorpusManifests(slot).map((m) => stringify(m)).join('---\n');
    expect(text).not.toMatch(/[&*]a\d/);
  });
});
