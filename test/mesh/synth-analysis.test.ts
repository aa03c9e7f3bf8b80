import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ClientTls, Mesh, MeshProps, MeshService, MtlsMode, PeerAuthentication, Severity, TrafficPolicy } from '../../src';
import { synth } from '../fixtures/app';

function app(props: MeshProps = {}) {
  const a = Testing.app();
  const mesh = new Mesh(a, 'mesh', props);
  const chart = new Chart(a, 'shop', { namespace: 'shop' });
  const reviews = new MeshService(chart, 'reviews', { port: 9080 });
  const v1 = reviews.addVersion('v1', new kplus.Deployment(chart, 'reviews-v1', { containers: [{ image: 'r:1', portNumber: 9080 }] }));
  const v2 = reviews.addVersion('v2', new kplus.Deployment(chart, 'reviews-v2', { containers: [{ image: 'r:2', portNumber: 9080 }] }));
  return { mesh, chart, reviews, v1, v2 };
}

let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

const printed = () => stderr.mock.calls.map((c) => String(c[0])).join('');

describe('synth-time analysis', () => {
  test('a correct mesh synthesizes with no diagnostic', () => {
    const { chart, reviews, v1, v2 } = app();
    reviews.routeByHeader('end-user', 'jason', v2);
    reviews.canary({ stable: v1, candidate: v2, weight: 10 });
    expect(() => synth(chart)).not.toThrow();
    expect(printed()).toBe('cdk8s-istio: analysed 5 objects: 0 errors, 0 warnings, 0 infos\n');
  });

  test('a synth prints one summary line of the analysis, after its findings', () => {
    const { chart, reviews, v2 } = app();
    reviews.split({ v1: 90, v2: 10 });
    reviews.routeByHeader('end-user', 'jason', v2); // after the catch-all: never reached
    synth(chart);
    const lines = printed().trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^cdk8s-istio: analysed \d+ objects: 0 errors, 1 warning, 0 infos$/);
    expect(lines.filter((l) => l.includes('analysed'))).toHaveLength(1);
  });

  test('analyze: false prints no summary line', () => {
    const { chart } = app({ analyze: false });
    synth(chart);
    expect(printed()).toBe('');
  });

  test('an error fails the synth with rule, field path, construct path and fix', () => {
    const { chart, reviews, v1 } = app();
    reviews.addRoute({ destinations: [{ version: v1 }] });
    reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/0/route/0/destination/subset', 'v9'));
    expect(() => synth(chart)).toThrow(/virtualservice-subset-not-found \[IST0101\].*spec\.http\[0\]\.route\[0\]\.destination\.subset \(construct shop\/reviews\/VirtualService\)/);
  });

  test('objects the library did not make are analysed too', () => {
    const { chart } = app();
    new ApiObject(chart, 'handwritten', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'handwritten' },
      spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v7' } }] }] },
    });
    expect(() => synth(chart)).toThrow(/shop\/handwritten/);
  });

  test('a warning is printed and does not fail the synth', () => {
    const { chart, reviews, v2 } = app();
    reviews.split({ v1: 90, v2: 10 });
    reviews.routeByHeader('end-user', 'jason', v2); // after the catch-all: never reached
    expect(() => synth(chart)).not.toThrow();
    expect(printed()).toMatch(/warning virtualservice-unreachable-route \[IST0130\].*spec\.http\[1\]/);
  });

  test('failOnWarnings turns warnings into synth failures', () => {
    const { chart, reviews, v2 } = app({ failOnWarnings: true });
    reviews.split({ v1: 90, v2: 10 });
    reviews.routeByHeader('end-user', 'jason', v2);
    expect(() => synth(chart)).toThrow(/virtualservice-unreachable-route/);
  });

  test('ignoreRules skips a rule at synth', () => {
    const { chart, reviews, v2 } = app({ ignoreRules: ['virtualservice-unreachable-route'] });
    reviews.split({ v1: 90, v2: 10 });
    reviews.routeByHeader('end-user', 'jason', v2);
    synth(chart);
    expect(printed()).not.toMatch(/unreachable/);
  });

  test('the ignore annotation skips a rule for one object', () => {
    const { chart, reviews, v2 } = app();
    reviews.split({ v1: 90, v2: 10 });
    reviews.routeByHeader('end-user', 'jason', v2);
    reviews.virtualService!.metadata.addAnnotation('cdk8s-istio.io/ignore-rules', 'virtualservice-unreachable-route');
    synth(chart);
    expect(printed()).not.toMatch(/unreachable/);
  });

  test('analyze: false switches the synth-time analysis off', () => {
    const { chart, reviews, v1 } = app({ analyze: false });
    reviews.addRoute({ destinations: [{ version: v1 }] });
    reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/0/route/0/destination/subset', 'v9'));
    expect(() => synth(chart)).not.toThrow();
  });

  test('a version whose labels match no pod template of the app is reported', () => {
    const { mesh, reviews } = app();
    reviews.addVersionWithLabels('v3', { version: 'v3' });
    const found = mesh.analyze().filter((d) => d.ruleId === 'destinationrule-subset-no-pods');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ istioCode: 'IST0173', path: 'spec.subsets[2].labels', constructPath: 'shop/reviews/DestinationRule' });
  });

  test('mesh.analyze returns errors before warnings', () => {
    const { mesh, reviews, v1, v2 } = app();
    reviews.split({ v1: 90, v2: 10 });
    reviews.routeByHeader('end-user', 'jason', v2);
    reviews.addRoute({ destinations: [{ version: v1 }] });
    reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/2/route/0/destination/subset', 'v9'));
    const severities = mesh.analyze().map((d) => d.severity);
    expect(severities[0]).toBe(Severity.ERROR);
    expect(severities.indexOf(Severity.ERROR)).toBeLessThan(severities.lastIndexOf(Severity.WARNING));
  });

  test('a warning is printed once even when the app has several charts', () => {
    const { chart, reviews, v2 } = app();
    new Chart(chart.node.root as any, 'second');
    reviews.split({ v1: 90, v2: 10 });
    reviews.routeByHeader('end-user', 'jason', v2);
    (chart.node.root as any).synthYaml();
    expect(printed().match(/virtualservice-unreachable-route/g)).toHaveLength(1);
  });

  test('the analysis sees changes made between two synths', () => {
    const { chart, mesh, reviews, v1 } = app();
    reviews.addRoute({ destinations: [{ version: v1 }] });
    expect(mesh.analyze().filter((d) => d.severity === Severity.ERROR)).toEqual([]);
    reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/0/route/0/destination/subset', 'v9'));
    expect(() => synth(chart)).toThrow(/virtualservice-subset-not-found/);
  });
});

describe('the mesh root namespace reaches the analysis', () => {
  function meshWideStrictWithPlainTextClient(rootNamespace?: string) {
    const a = Testing.app();
    const mesh = new Mesh(a, 'mesh', rootNamespace ? { rootNamespace } : {});
    const chart = new Chart(a, 'shop', { namespace: 'shop' });
    new PeerAuthentication(chart, 'strict', { meshWide: true, mode: MtlsMode.STRICT });
    const api = new MeshService(chart, 'api', { port: 8080, trafficPolicy: new TrafficPolicy({ tls: ClientTls.disable() }) });
    api.addVersion('v1', new kplus.Deployment(chart, 'api-v1', { containers: [{ image: 'api:1', portNumber: 8080 }] }));
    return mesh;
  }

  test('a mesh-wide STRICT policy in a custom root namespace conflicts with a plain-text DestinationRule', () => {
    const mesh = meshWideStrictWithPlainTextClient('istio-config');
    expect(mesh.analyze().map((d) => d.ruleId)).toContain('destinationrule-mtls-conflict');
  });

  test('the default root namespace is istio-system', () => {
    const mesh = meshWideStrictWithPlainTextClient();
    const policy = mesh.node.root.node.findAll().find((c) => c.node.path === 'shop/strict');
    expect(policy).toBeDefined();
    expect(mesh.analyze().map((d) => d.ruleId)).toContain('destinationrule-mtls-conflict');
  });
});
