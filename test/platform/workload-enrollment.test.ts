import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DataplaneMode, MeshService, Waypoint, WaypointTrafficType, WorkloadEnrollment } from '../../src';
import { deployment, only, shopChart, synthValid } from '../fixtures/app';

function podLabels(chart: Chart, kind = 'Deployment'): Record<string, string> {
  const obj = only(synthValid(chart), kind);
  const template = kind === 'CronJob' ? obj.spec.jobTemplate.spec.template : kind === 'Pod' ? obj : obj.spec.template;
  return template.metadata.labels;
}

function plainDeployment(chart: Chart, template: any): ApiObject {
  return new ApiObject(chart, 'legacy', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'legacy' },
    spec: { selector: { matchLabels: { app: 'legacy' } }, template },
  });
}

const CONTAINERS = { containers: [{ name: 'app', image: 'legacy:1' }] };

describe('WorkloadEnrollment: labels go on the pod template', () => {
  test('sidecar() writes sidecar.istio.io/inject: "true" on the pod template, not on the Deployment', () => {
    const chart = shopChart();
    const api = deployment(chart, 'api');
    new WorkloadEnrollment(chart, 'inject', { workload: api, mode: DataplaneMode.sidecar() });
    const d = only(synthValid(chart), 'Deployment');
    expect(d.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    expect(d.metadata.labels?.['sidecar.istio.io/inject']).toBeUndefined();
  });

  test('none() keeps the pods out of both data planes', () => {
    const chart = shopChart();
    new WorkloadEnrollment(chart, 'out', { workload: deployment(chart, 'batch'), mode: DataplaneMode.none() });
    expect(podLabels(chart)).toMatchObject({ 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' });
  });

  test('sidecarRevision() writes istio.io/rev on the pods', () => {
    const chart = shopChart();
    new WorkloadEnrollment(chart, 'canary', { workload: deployment(chart, 'api'), mode: DataplaneMode.sidecarRevision('canary') });
    const labels = podLabels(chart);
    expect(labels['istio.io/rev']).toBe('canary');
    expect(labels['sidecar.istio.io/inject']).toBeUndefined();
  });

  test('ambient() writes istio.io/dataplane-mode: ambient on the pods', () => {
    const chart = shopChart();
    new WorkloadEnrollment(chart, 'ambient', { workload: deployment(chart, 'api'), mode: DataplaneMode.ambient() });
    expect(podLabels(chart)['istio.io/dataplane-mode']).toBe('ambient');
  });

  test('a cdk8s-plus Pod gets the label on itself', () => {
    const chart = shopChart();
    const pod = new kplus.Pod(chart, 'debug', { containers: [{ image: 'busybox' }] });
    new WorkloadEnrollment(chart, 'out', { workload: pod, mode: DataplaneMode.none() });
    expect(podLabels(chart, 'Pod')['sidecar.istio.io/inject']).toBe('false');
  });

  test('the labels coexist with those a MeshService version puts on the template', () => {
    const chart = shopChart();
    const v1 = deployment(chart, 'reviews-v1');
    new MeshService(chart, 'reviews', { port: 9080 }).addVersion('v1', v1);
    new WorkloadEnrollment(chart, 'inject', { workload: v1, mode: DataplaneMode.sidecar() });
    expect(podLabels(chart)).toMatchObject({ 'app': 'reviews', 'version': 'v1', 'sidecar.istio.io/inject': 'true' });
  });
});

describe('WorkloadEnrollment: plain ApiObject workloads', () => {
  test('a template with labels gets the label added by JSON patch', () => {
    const chart = shopChart();
    const obj = plainDeployment(chart, { metadata: { labels: { app: 'legacy' } }, spec: CONTAINERS });
    new WorkloadEnrollment(chart, 'inject', { workloadObject: obj, mode: DataplaneMode.sidecar() });
    expect(podLabels(chart)).toEqual({ 'app': 'legacy', 'sidecar.istio.io/inject': 'true' });
  });

  test('a template without metadata gets one', () => {
    const chart = shopChart();
    const obj = plainDeployment(chart, { spec: CONTAINERS });
    new WorkloadEnrollment(chart, 'out', { workloadObject: obj, mode: DataplaneMode.none() });
    expect(podLabels(chart)).toEqual({ 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' });
  });

  test('a template with metadata but no labels gets labels', () => {
    const chart = shopChart();
    const obj = plainDeployment(chart, { metadata: { annotations: { a: 'b' } }, spec: CONTAINERS });
    new WorkloadEnrollment(chart, 'ambient', { workloadObject: obj, mode: DataplaneMode.ambient() });
    expect(podLabels(chart)).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
  });

  test('a CronJob is labelled in its job template\'s pod template', () => {
    const chart = shopChart();
    const cron = new ApiObject(chart, 'cron', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'report' } }, spec: { ...CONTAINERS, restartPolicy: 'Never' } } } } },
    });
    new WorkloadEnrollment(chart, 'out', { workloadObject: cron, mode: DataplaneMode.none() });
    expect(podLabels(chart, 'CronJob')).toMatchObject({ 'app': 'report', 'sidecar.istio.io/inject': 'false' });
  });

  test('a kind without pods is refused', () => {
    const chart = shopChart();
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(() => new WorkloadEnrollment(chart, 'e', { workloadObject: cm, mode: DataplaneMode.sidecar() }))
      .toThrow(/shop\/e: workloadObject: shop\/cm is a ConfigMap; pass a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout or Pod/);
  });

  test('a workload without a pod template is refused', () => {
    const chart = shopChart();
    const bare = new ApiObject(chart, 'bare', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bare' } });
    expect(() => new WorkloadEnrollment(chart, 'e', { workloadObject: bare, mode: DataplaneMode.sidecar() }))
      .toThrow(/shop\/bare has no pod template at spec.template/);
  });
});

describe('WorkloadEnrollment: one mode per pod', () => {
  test('a pod template already in ambient mode refuses sidecar injection', () => {
    const chart = shopChart();
    const api = deployment(chart, 'api');
    api.podMetadata.addLabel('istio.io/dataplane-mode', 'ambient');
    expect(() => new WorkloadEnrollment(chart, 'inject', { workload: api, mode: DataplaneMode.sidecar() }))
      .toThrow(/shop\/inject: mode: the pod template of Deployment shop\/api already has label istio.io\/dataplane-mode=ambient, which contradicts sidecar.istio.io\/inject=true/);
  });

  test('a plain pod template with sidecar.istio.io/inject: "false" refuses ambient()', () => {
    const chart = shopChart();
    const obj = plainDeployment(chart, { metadata: { labels: { 'app': 'legacy', 'sidecar.istio.io/inject': 'false' } }, spec: CONTAINERS });
    expect(() => new WorkloadEnrollment(chart, 'e', { workloadObject: obj, mode: DataplaneMode.ambient() }))
      .toThrow(/already has label sidecar.istio.io\/inject=false/);
  });

  test('the same mode twice is accepted', () => {
    const chart = shopChart();
    const api = deployment(chart, 'api');
    new WorkloadEnrollment(chart, 'a', { workload: api, mode: DataplaneMode.sidecar() });
    new WorkloadEnrollment(chart, 'b', { workload: api, mode: DataplaneMode.sidecar() });
    expect(podLabels(chart)['sidecar.istio.io/inject']).toBe('true');
  });
});

describe('WorkloadEnrollment: props', () => {
  test('both workload and workloadObject are refused', () => {
    const chart = shopChart();
    const obj = plainDeployment(chart, { spec: CONTAINERS });
    expect(() => new WorkloadEnrollment(chart, 'e', { workload: deployment(chart, 'api'), workloadObject: obj, mode: DataplaneMode.sidecar() }))
      .toThrow(/set exactly one of workload .* and workloadObject/);
  });

  test('neither workload nor workloadObject is refused', () => {
    expect(() => new WorkloadEnrollment(shopChart(), 'e', { mode: DataplaneMode.sidecar() })).toThrow(/set exactly one of workload/);
  });

  test('nothing to enroll is refused', () => {
    const chart = shopChart();
    expect(() => new WorkloadEnrollment(chart, 'e', { workload: deployment(chart, 'api') })).toThrow(/shop\/e: nothing to enroll; set mode/);
  });

  test('a mode that is not a DataplaneMode is refused', () => {
    const chart = shopChart();
    expect(() => new WorkloadEnrollment(chart, 'e', { workload: deployment(chart, 'api'), mode: 'ambient' as any })).toThrow(/shop\/e: mode is "ambient" \(a string\), not a DataplaneMode/);
  });
});

describe('WorkloadEnrollment: waypoints', () => {
  test('waypoint labels the pods istio.io/use-waypoint when the waypoint handles workload traffic', () => {
    const chart = shopChart();
    const api = deployment(chart, 'api');
    const waypoint = new Waypoint(chart, 'api-wp', { trafficType: WaypointTrafficType.WORKLOAD });
    new WorkloadEnrollment(chart, 'e', { workload: api, mode: DataplaneMode.ambient(), waypoint });
    expect(podLabels(chart)).toMatchObject({ 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'api-wp' });
  });

  test('a waypoint for service traffic only is refused for pods: their traffic would bypass it', () => {
    const chart = shopChart();
    const waypoint = new Waypoint(chart, 'wp');
    expect(() => new WorkloadEnrollment(chart, 'e', { workload: deployment(chart, 'api'), waypoint }))
      .toThrow(/shop\/e: waypoint: waypoint shop\/wp handles only service traffic.*WaypointTrafficType.WORKLOAD or ALL/);
  });

  test('skipWaypoint writes istio.io/use-waypoint: none', () => {
    const chart = shopChart();
    new WorkloadEnrollment(chart, 'e', { workload: deployment(chart, 'metrics'), skipWaypoint: true });
    expect(podLabels(chart)['istio.io/use-waypoint']).toBe('none');
  });

  test('waypoint with skipWaypoint is refused', () => {
    const chart = shopChart();
    const waypoint = new Waypoint(chart, 'wp', { trafficType: WaypointTrafficType.ALL });
    expect(() => new WorkloadEnrollment(chart, 'e', { workload: deployment(chart, 'api'), waypoint, skipWaypoint: true }))
      .toThrow(/skipWaypoint is true next to waypoint .*; they contradict each other/);
  });

  test('mode none() with a waypoint is refused', () => {
    const chart = shopChart();
    const waypoint = new Waypoint(chart, 'wp', { trafficType: WaypointTrafficType.ALL });
    expect(() => new WorkloadEnrollment(chart, 'e', { workload: deployment(chart, 'api'), mode: DataplaneMode.none(), waypoint }))
      .toThrow(/mode none\(\) keeps the pods out of the mesh, so they cannot use waypoint shop\/wp/);
  });
});
