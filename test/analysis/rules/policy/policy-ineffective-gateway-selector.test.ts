import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { authorizationPolicy, telemetry, workload } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const policyIneffectiveGatewaySelector = ruleById('policy-ineffective-gateway-selector');

describe('policy-ineffective-gateway-selector (IST0166)', () => {
  test('warns on a selector keyed on the Gateway API gateway label and names the targetRef to write', () => {
    const ap = authorizationPolicy('web', 'shop', { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'web' } }, rules: [{}] });
    const d = one(policyIneffectiveGatewaySelector, [ap], { path: 'spec.selector', severity: Severity.WARNING });
    expect(d.fix).toContain('name: web');
  });

  test('warns on a selector that matches the pods of a Kubernetes Gateway', () => {
    const pods = workload('web-istio', 'shop', { 'app': 'web-gw', 'gateway.networking.k8s.io/gateway-name': 'web' });
    const t = telemetry('web', 'shop', { selector: { matchLabels: { app: 'web-gw' } }, tracing: [{ randomSamplingPercentage: 1 }] });
    expect(run(policyIneffectiveGatewaySelector, [pods, t])).toHaveLength(1);
  });

  test('accepts targetRefs and selectors of ordinary workloads', () => {
    const ap = authorizationPolicy('web', 'shop', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'web' }], rules: [{}] });
    const other = authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules: [{}] });
    expectValidIstioObjects([ap, other]);
    none(policyIneffectiveGatewaySelector, [workload('api', 'shop', { app: 'api' }), ap, other]);
  });
});
