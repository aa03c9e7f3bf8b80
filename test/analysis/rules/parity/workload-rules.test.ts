import { deployment, namespaceObject, run, service } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { workloadRunsAsProxyUid } from '../../../../src/analysis/rules/workload/workload-runs-as-proxy-uid';
import { workloadServicesProtocolConflict } from '../../../../src/analysis/rules/workload/workload-services-protocol-conflict';
import { workloadServicesTargetPortConflict } from '../../../../src/analysis/rules/workload/workload-services-target-port-conflict';

const api = deployment('api', 'shop', { containers: [{ name: 'app', image: 'api:1', ports: [{ name: 'http', containerPort: 8080 }] }] });

describe('workload-services-protocol-conflict (IST0116)', () => {
  test('warns when two Services selecting the pods use one port with TCP and UDP', () => {
    const tcp = service('api', 'shop', { app: 'api' }, [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }]);
    const udp = service('api-udp', 'shop', { app: 'api' }, [{ name: 'dns-udp', port: 53, protocol: 'UDP' }]);
    const ds = run(workloadServicesProtocolConflict, [api, tcp, udp]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'workload-services-protocol-conflict',
      severity: Severity.WARNING,
      istioCode: 'IST0116',
      path: 'metadata.name',
      resource: { kind: 'Deployment', name: 'api' },
    });
    expect(ds[0].message).toContain('port 53 with different protocols: TCP (shop/api) and UDP (shop/api-udp)');
  });

  test('counts a port without protocol as TCP, and accepts one protocol per port', () => {
    const a = service('api', 'shop', { app: 'api' }, [{ name: 'http', port: 80 }]);
    const b = service('api-2', 'shop', { app: 'api' }, [{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(run(workloadServicesProtocolConflict, [api, a, b])).toEqual([]);
  });

  test('skips workloads kept out of the mesh', () => {
    const out = deployment('api', 'shop', { labels: { 'app': 'api', 'sidecar.istio.io/inject': 'false' } });
    const tcp = service('api', 'shop', { app: 'api' }, [{ port: 53, protocol: 'TCP' }]);
    const udp = service('api-udp', 'shop', { app: 'api' }, [{ port: 53, protocol: 'UDP' }]);
    expect(run(workloadServicesProtocolConflict, [out, tcp, udp])).toEqual([]);
    const disabledNs = namespaceObject('shop', { 'istio-injection': 'disabled' });
    expect(run(workloadServicesProtocolConflict, [disabledNs, api, tcp, udp])).toEqual([]);
  });
});

describe('workload-services-target-port-conflict (IST0137)', () => {
  test('warns when Services send one target port to different service ports', () => {
    const a = service('api', 'shop', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 8080 }]);
    const b = service('api-alt', 'shop', { app: 'api' }, [{ name: 'http', port: 8000, targetPort: 'http' }]);
    const ds = run(workloadServicesTargetPortConflict, [api, a, b]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'workload-services-target-port-conflict', severity: Severity.WARNING, istioCode: 'IST0137' });
    expect(ds[0].message).toContain('target port 8080 ("http")');
    expect(ds[0].message).toContain('80 (shop/api) and 8000 (shop/api-alt)');
  });

  test('accepts Services that expose a target port under the same port number', () => {
    const a = service('api', 'shop', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 8080 }]);
    const b = service('api-canary', 'shop', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 'http' }]);
    expect(run(workloadServicesTargetPortConflict, [api, a, b])).toEqual([]);
  });
});

describe('workload-runs-as-proxy-uid (IST0144)', () => {
  test('warns when an application container runs as UID 1337', () => {
    const d = deployment('api', 'shop', { containers: [{ name: 'app', image: 'api:1', securityContext: { runAsUser: 1337 } }] });
    const ds = run(workloadRunsAsProxyUid, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'workload-runs-as-proxy-uid',
      severity: Severity.WARNING,
      istioCode: 'IST0144',
      path: 'spec.template.spec.containers[0].securityContext.runAsUser',
    });
    expect(ds[0].message).toContain('container "app" as UID 1337');
  });

  test('warns on a pod-level UID 1337 that a container inherits', () => {
    const d = deployment('api', 'shop', { podSpec: { securityContext: { runAsUser: 1337 } } });
    const ds = run(workloadRunsAsProxyUid, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0].path).toBe('spec.template.spec.securityContext.runAsUser');
  });

  test('accepts other UIDs, a container overriding the pod UID, the proxy container and Istio\'s own workloads', () => {
    const overriding = deployment('a', 'shop', {
      podSpec: { securityContext: { runAsUser: 1337 } },
      containers: [{ name: 'app', image: 'a:1', securityContext: { runAsUser: 1000 } }],
    });
    const proxy = deployment('b', 'shop', { containers: [{ name: 'istio-proxy', image: 'proxyv2', securityContext: { runAsUser: 1337 } }] });
    const gateway = deployment('istio-ingressgateway', 'istio-system', {
      ownLabels: { istio: 'ingressgateway' },
      containers: [{ name: 'proxy', image: 'proxyv2', securityContext: { runAsUser: 1337 } }],
    });
    expect(run(workloadRunsAsProxyUid, [overriding, proxy, gateway])).toEqual([]);
  });
});
