/**
 * Scale behaviour of the synth-time analysis (src/mesh/mesh.ts): cdk8s validates the whole app once
 * more for every chart it writes, so the Mesh must analyse once per synth, and the manifests it
 * renders for the analysis are the ones written — while every synth still sees the app as it is.
 */
import { ApiObject, App, Chart, JsonPatch, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { buildMeshApp } from '../../bench/mesh-generator';
import { Mesh, MeshService } from '../../src';
import * as engine from '../../src/analysis/engine';

let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  jest.restoreAllMocks();
});

function twoCharts(): { app: App; reviews: MeshService; shop: Chart } {
  const app = new App();
  new Mesh(app, 'mesh');
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  new Chart(app, 'other', { namespace: 'other' });
  const reviews = new MeshService(shop, 'reviews', { port: 9080 });
  reviews.addVersion('v1', new kplus.Deployment(shop, 'reviews-v1', { containers: [{ image: 'r:1', portNumber: 9080 }] }));
  reviews.addVersion('v2', new kplus.Deployment(shop, 'reviews-v2', { containers: [{ image: 'r:2', portNumber: 9080 }] }));
  return { app, reviews, shop };
}

describe('one analysis per synth', () => {
  test('an app of many charts is analysed once per synthYaml, not once per chart', () => {
    const app = buildMeshApp({ services: 12, servicesPerNamespace: 2 }); // six charts
    const analyze = jest.spyOn(engine, 'runRules');
    app.synthYaml();
    expect(analyze).toHaveBeenCalledTimes(1);
  });

  test('each object is rendered once per synth, however many charts the app has', () => {
    const app = buildMeshApp({ services: 12, servicesPerNamespace: 2 }); // six charts
    let renders = 0;
    new ApiObject(Chart.of(app.node.findAll().find((c) => c instanceof MeshService)!), 'counted', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'counted' },
      data: Lazy.any({ produce: () => ({ renders: String(++renders) }) }),
    });
    app.synthYaml();
    expect(renders).toBe(1);
  });

  test('each synth analyses again', () => {
    const { app } = twoCharts();
    const analyze = jest.spyOn(engine, 'runRules');
    app.synthYaml();
    app.synthYaml();
    expect(analyze).toHaveBeenCalledTimes(2);
  });

  test('a change made between two synths is analysed by the second', () => {
    const { app, reviews } = twoCharts();
    const v1 = reviews.version('v1');
    reviews.addRoute({ destinations: [{ version: v1 }] });
    expect(() => app.synthYaml()).not.toThrow();
    reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/0/route/0/destination/subset', 'v9'));
    expect(() => app.synthYaml()).toThrow(/virtualservice-subset-not-found/);
  });
});

describe('the manifests rendered for the analysis are the ones written', () => {
  test('the output is the same as with the analysis switched off', () => {
    const build = (analyze: boolean) => {
      const app = new App();
      new Mesh(app, 'mesh', { analyze });
      const chart = new Chart(app, 'shop', { namespace: 'shop' });
      const api = new MeshService(chart, 'api', { port: 8080 });
      const v1 = api.addVersion('v1', new kplus.Deployment(chart, 'api-v1', { containers: [{ image: 'a:1', portNumber: 8080 }] }));
      const v2 = api.addVersion('v2', new kplus.Deployment(chart, 'api-v2', { containers: [{ image: 'a:2', portNumber: 8080 }] }));
      api.canary({ stable: v1, candidate: v2, weight: 25 });
      return app;
    };
    expect(build(true).synthYaml()).toBe(build(false).synthYaml());
  });

  test('after a synth, objects render afresh, so a later change is written by the next synth', () => {
    const { app, reviews } = twoCharts();
    const canary = reviews.canary({ stable: reviews.version('v1'), candidate: reviews.version('v2'), weight: 10 });
    expect(app.synthYaml()).toContain('weight: 10');
    canary.updateWeight(50);
    expect(reviews.virtualService!.toJson().spec.http[0].route[1].weight).toBe(50);
    expect(app.synthYaml()).toContain('weight: 50');
  });

  test('a failed synth leaves objects rendering normally', () => {
    const { app, reviews } = twoCharts();
    reviews.addRoute({ destinations: [{ version: reviews.version('v1') }] });
    reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/0/route/0/destination/subset', 'v9'));
    expect(() => app.synthYaml()).toThrow(/virtualservice-subset-not-found/);
    reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/0/route/0/destination/subset', 'v2'));
    expect(app.synthYaml()).toContain('subset: v2');
  });

  test('an object with a toJson of its own (as jsii overrides are installed) keeps it', () => {
    const { app, shop } = twoCharts();
    const custom = new ApiObject(shop, 'custom', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'custom' } });
    Object.defineProperty(custom, 'toJson', { value: () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'overridden' } }) });
    expect(app.synthYaml()).toContain('name: overridden');
    expect(Object.getOwnPropertyDescriptor(custom, 'toJson')).toBeDefined();
  });
});
