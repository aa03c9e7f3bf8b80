import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AuthorizationPolicy, MeshService, MeshServiceSource, WorkloadSelector } from '../../src';
import { shopChart, deployment, only, synthValid } from '../fixtures/app';

function selectorOf(chart: Chart, selector: WorkloadSelector): any {
  new AuthorizationPolicy(chart, 'policy', { selector });
  return only(synthValid(chart), 'AuthorizationPolicy').spec.selector;
}

describe('WorkloadSelector', () => {
  test('fromMeshService selects the app label of the service\'s pods', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews', { port: 9080 });
    expect(selectorOf(chart, WorkloadSelector.fromMeshService(svc))).toEqual({ matchLabels: { app: 'reviews' } });
  });

  test('fromMeshService uses a custom appLabel', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews', { port: 9080, appLabel: 'reviews-app' });
    expect(selectorOf(chart, WorkloadSelector.fromMeshService(svc))).toEqual({ matchLabels: { app: 'reviews-app' } });
  });

  test('fromMeshService refuses a service adopted from a host, naming the alternatives', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'ext', { source: MeshServiceSource.fromHost('api.example.com') });
    expect(() => WorkloadSelector.fromMeshService(svc)).toThrow(/shop\/ext.*stands for the host api\.example\.com.*fromWorkload.*fromLabels/);
  });

  test('fromMeshService selects what a Service adopted with fromService selects', () => {
    const chart = shopChart();
    const service = new kplus.Service(chart, 'ratings-svc', { metadata: { name: 'ratings' }, ports: [{ port: 9080 }] });
    service.selectLabel('app', 'ratings');
    service.selectLabel('tier', 'backend');
    const svc = new MeshService(chart, 'ratings', { source: MeshServiceSource.fromService(service) });
    expect(selectorOf(chart, WorkloadSelector.fromMeshService(svc))).toEqual({ matchLabels: { app: 'ratings', tier: 'backend' } });
  });

  test('fromMeshService reads the adopted Service\'s selector at synth, so labels selected later count', () => {
    const chart = shopChart();
    const service = new kplus.Service(chart, 'ratings-svc', { metadata: { name: 'ratings' }, ports: [{ port: 9080 }] });
    const svc = new MeshService(chart, 'ratings', { source: MeshServiceSource.fromService(service) });
    const selector = WorkloadSelector.fromMeshService(svc);
    service.selectLabel('app', 'ratings');
    expect(selectorOf(chart, selector)).toEqual({ matchLabels: { app: 'ratings' } });
  });

  test('fromMeshService selects what a Service adopted with fromServiceObject selects, in its namespace', () => {
    const chart = shopChart();
    const service = new ApiObject(chart, 'legacy-svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'legacy', namespace: 'old' },
      spec: { selector: { app: 'legacy' }, ports: [{ name: 'http', port: 80 }] },
    });
    const svc = new MeshService(chart, 'legacy', { source: MeshServiceSource.fromServiceObject(service) });
    const selector = WorkloadSelector.fromMeshService(svc);
    expect(selector.namespace).toBe('old');
    expect(selector.labels).toEqual({ app: 'legacy' });
  });

  test('fromMeshService on an adopted Service without a selector fails at synth, naming the Service', () => {
    const chart = shopChart();
    const service = new ApiObject(chart, 'manual-svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual' }, spec: { ports: [{ name: 'http', port: 80 }] },
    });
    const svc = new MeshService(chart, 'manual', { source: MeshServiceSource.fromServiceObject(service) });
    new AuthorizationPolicy(chart, 'policy', { selector: WorkloadSelector.fromMeshService(svc) });
    expect(() => Testing.synth(chart)).toThrow(/shop\/policy: selector picks the pods of MeshService shop\/manual.*no labels.*give the Service shop\/manual a selector/);
  });

  test('fromWorkload selects the labels the workload selects its pods by', () => {
    const chart = shopChart();
    const d = deployment(chart, 'api');
    const selector = selectorOf(chart, WorkloadSelector.fromWorkload(d));
    expect(selector.matchLabels).toEqual(d.matchLabels);
    const pods = only(synthValid(chart), 'Deployment').spec.template.metadata.labels;
    expect(pods).toMatchObject(selector.matchLabels);
  });

  test('fromWorkload falls back to all pod template labels when the workload selects by none', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'api', { select: false, podMetadata: { labels: { app: 'api', tier: 'web' } }, containers: [{ image: 'api:1' }] });
    const selector = selectorOf(chart, WorkloadSelector.fromWorkload(d));
    expect(selector.matchLabels).toMatchObject({ app: 'api', tier: 'web' });
    expect(selector.matchLabels).toEqual(only(synthValid(chart), 'Deployment').spec.template.metadata.labels);
  });

  test('fromWorkload reads the labels at synth, so labels added later count', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'api', { select: false, containers: [{ image: 'api:1' }] });
    const selector = WorkloadSelector.fromWorkload(d);
    d.podMetadata.addLabel('app', 'late');
    expect(selectorOf(chart, selector).matchLabels).toMatchObject({ app: 'late' });
  });

  test('fromWorkload knows the workload\'s namespace', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'payments' });
    expect(WorkloadSelector.fromWorkload(deployment(chart, 'api')).namespace).toBe('payments');
  });

  test('fromLabels selects exactly the given labels', () => {
    const chart = shopChart();
    expect(selectorOf(chart, WorkloadSelector.fromLabels({ app: 'legacy', version: 'v1' }))).toEqual({ matchLabels: { app: 'legacy', version: 'v1' } });
  });

  test('fromLabels refuses an empty label set, pointing at namespace-wide policies', () => {
    expect(() => WorkloadSelector.fromLabels({})).toThrow(/at least one label.*leave out the selector/);
  });

  test('fromLabels refuses a wildcard label value', () => {
    expect(() => WorkloadSelector.fromLabels({ app: 'web-*' })).toThrow(/app=web-\* is not a valid Kubernetes label/);
  });

  test('labels shows the current labels', () => {
    expect(WorkloadSelector.fromLabels({ app: 'a' }, 'shop').labels).toEqual({ app: 'a' });
  });
});

describe('WorkloadSelector.fromLabels: namespace', () => {
  test('an empty namespace is refused, naming the argument', () => {
    expect(() => WorkloadSelector.fromLabels({ app: 'api' }, ''))
      .toThrow(/WorkloadSelector.fromLabels\(\): namespace is empty, which kubectl reads as its current namespace/);
  });

  test('a namespace starting with an upper-case letter is refused with the DNS-1123 rule', () => {
    expect(() => WorkloadSelector.fromLabels({ app: 'api' }, 'Shop')).toThrow(/namespace is 'Shop', not a valid namespace name \(a DNS-1123 label/);
  });
});

describe('WorkloadSelector.fromWorkload: cdk8s-plus address label', () => {
  test('uses the workload\'s own labels instead of cdk8s.io/metadata.addr when they select it alone', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'api', { containers: [{ image: 'api:1', portNumber: 8080 }], podMetadata: { labels: { app: 'api' } } });
    expect(selectorOf(chart, WorkloadSelector.fromWorkload(d))).toEqual({ matchLabels: { app: 'api' } });
  });

  test('keeps the address label when another pod template in the namespace carries the same labels', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'api', { containers: [{ image: 'api:1', portNumber: 8080 }], podMetadata: { labels: { app: 'api' } } });
    new kplus.Deployment(chart, 'api-canary', { containers: [{ image: 'api:2', portNumber: 8080 }], podMetadata: { labels: { app: 'api' } } });
    expect(selectorOf(chart, WorkloadSelector.fromWorkload(d)).matchLabels).toHaveProperty(['cdk8s.io/metadata.addr']);
  });
});
