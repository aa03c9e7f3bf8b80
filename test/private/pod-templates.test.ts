import { ApiObject, Chart, Testing } from 'cdk8s';
import { MeshService } from '../../src';
import { inferPorts, labelWorkloadObject, POD_TEMPLATE_PATHS, podTemplateOf, workloadKindList } from '../../src/private/pod-templates';

function workload(chart: Chart, kind: string, template: any): ApiObject {
  const spec = kind === 'CronJob' ? { jobTemplate: { spec: { template } } } : kind === 'Pod' ? template.spec : { template };
  return new ApiObject(chart, kind.toLowerCase(), { apiVersion: 'apps/v1', kind, metadata: { name: kind.toLowerCase() }, spec });
}

describe('pod templates', () => {
  test('the table knows every workload kind Istio reads pods from, a Pod being its own template', () => {
    expect(Object.keys(POD_TEMPLATE_PATHS).sort()).toEqual(['CronJob', 'DaemonSet', 'Deployment', 'Job', 'Pod', 'ReplicaSet', 'ReplicationController', 'Rollout', 'StatefulSet']);
    expect(POD_TEMPLATE_PATHS.Pod).toEqual([]);
    expect(workloadKindList()).toBe('Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout or Pod');
  });

  test('a CronJob\'s pod template sits under its job template', () => {
    expect(podTemplateOf('CronJob', { spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } } })).toEqual({ spec: { containers: [] } });
    expect(podTemplateOf('ConfigMap', { spec: { template: {} } })).toBeUndefined();
  });

  test.each(['Deployment', 'ReplicationController', 'CronJob'])('labels of a %s go on its pod template, not on the object', (kind) => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const obj = workload(chart, kind, { metadata: { labels: { tier: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    labelWorkloadObject('shop/api', obj, { app: 'api', version: 'v1' });
    expect(podTemplateOf(kind, obj.toJson()).metadata.labels).toEqual({ tier: 'web', app: 'api', version: 'v1' });
    expect(obj.toJson().metadata.labels).toBeUndefined();
  });

  test('a conflicting label on the pod template is refused, naming both values', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const obj = workload(chart, 'Deployment', { metadata: { labels: { app: 'legacy' } }, spec: { containers: [] } });
    expect(() => labelWorkloadObject("shop/api: addVersionFromObject('v1')", obj, { app: 'api' }))
      .toThrow("shop/api: addVersionFromObject('v1'): the pod template of shop/deployment already has label app=legacy, but this service needs app=api.");
  });

  test('ports come from the first workload that declares any', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const none = workload(chart, 'Job', { spec: { containers: [{ name: 'c', image: 'x' }] } });
    const some = workload(chart, 'StatefulSet', { spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }, { containerPort: 9090 }] }] } });
    expect(inferPorts([none, some])).toEqual([{ number: 8080, transport: 'TCP' }, { number: 9090, transport: 'TCP' }]);
    expect(inferPorts([none])).toEqual([]);
  });

  test('ports keep the container port name and transport', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const obj = workload(chart, 'Deployment', { spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9090, name: 'grpc-api' }, { containerPort: 53, protocol: 'UDP' }] }] } });
    expect(inferPorts([obj])).toEqual([{ number: 9090, name: 'grpc-api', transport: 'TCP' }, { number: 53, transport: 'UDP' }]);
  });

  test('a mesh service created for a ReplicationController labels its pods and takes its ports', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const rc = workload(chart, 'ReplicationController', { spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 7070 }] }] } });
    const svc = new MeshService(chart, 'legacy');
    svc.addVersionFromObject('v1', rc);
    expect(podTemplateOf('ReplicationController', rc.toJson()).metadata.labels).toEqual({ app: 'legacy', version: 'v1' });
    expect(svc.serviceObject!.toJson().spec.ports).toEqual([{ name: 'port-7070', port: 7070, targetPort: 7070, protocol: 'TCP' }]);
  });
});
