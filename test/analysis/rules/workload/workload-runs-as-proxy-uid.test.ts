import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const workloadRunsAsProxyUid = ruleById('workload-runs-as-proxy-uid');

describe('workload-runs-as-proxy-uid (IST0144)', () => {
  test('warns when an application container runs as UID 1337', () => {
    const d = deployment('api', 'shop', { containers: [{ name: 'app', image: 'api:1', securityContext: { runAsUser: 1337 } }] });
    const found = one(workloadRunsAsProxyUid, [d], { path: 'spec.template.spec.containers[0].securityContext.runAsUser', severity: Severity.WARNING });
    expect(found.message).toContain('container "app" as UID 1337');
  });

  test('warns on a pod-level UID 1337 that a container inherits', () => {
    const d = deployment('api', 'shop', { podSpec: { securityContext: { runAsUser: 1337 } } });
    one(workloadRunsAsProxyUid, [d], { path: 'spec.template.spec.securityContext.runAsUser' });
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
    none(workloadRunsAsProxyUid, [overriding, proxy, gateway]);
  });
});
