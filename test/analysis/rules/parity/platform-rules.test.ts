import { authorizationPolicy, run, sidecar, telemetry, virtualService, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { policyIneffectiveGatewaySelector } from '../../../../src/analysis/rules/policy/policy-ineffective-gateway-selector';
import { sidecarIgnoredEgressProxy } from '../../../../src/analysis/rules/sidecar/sidecar-ignored-egress-proxy';
import { virtualServiceDeprecatedFaultPercent } from '../../../../src/analysis/rules/virtualservice/virtualservice-deprecated-fault-percent';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

describe('virtualservice-deprecated-fault-percent (IST0002)', () => {
  test('warns on fault.delay.percent and gives the percentage to write', () => {
    const vs = virtualService('r', 'shop', { hosts: ['r'], http: [{ fault: { delay: { percent: 10, fixedDelay: '1s' } }, route: [{ destination: { host: 'r' } }] }] });
    const ds = run(virtualServiceDeprecatedFaultPercent, [vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'virtualservice-deprecated-fault-percent', severity: Severity.WARNING, istioCode: 'IST0002', path: 'spec.http[0].fault.delay.percent' });
    expect(ds[0].fix).toBe('Write percentage: { value: 10 } instead.');
  });

  test('accepts percentage', () => {
    const vs = virtualService('r', 'shop', { hosts: ['r'], http: [{ fault: { delay: { percentage: { value: 10 }, fixedDelay: '1s' } }, route: [{ destination: { host: 'r' } }] }] });
    expectValidIstioObjects([vs]);
    expect(run(virtualServiceDeprecatedFaultPercent, [vs])).toEqual([]);
  });
});

describe('sidecar-ignored-egress-proxy (IST0002)', () => {
  test('warns that egressProxy is ignored', () => {
    const sc = sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'proxy.infra.svc.cluster.local', port: { number: 3128 } } } });
    const ds = run(sidecarIgnoredEgressProxy, [sc]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'sidecar-ignored-egress-proxy', istioCode: 'IST0002', path: 'spec.outboundTrafficPolicy.egressProxy' });
  });

  test('accepts an outbound traffic policy without egressProxy', () => {
    const sc = sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    expectValidIstioObjects([sc]);
    expect(run(sidecarIgnoredEgressProxy, [sc])).toEqual([]);
  });
});

describe('policy-ineffective-gateway-selector (IST0166)', () => {
  test('warns on a selector keyed on the Gateway API gateway label and names the targetRef to write', () => {
    const ap = authorizationPolicy('web', 'shop', { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'web' } }, rules: [{}] });
    const ds = run(policyIneffectiveGatewaySelector, [ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'policy-ineffective-gateway-selector', severity: Severity.WARNING, istioCode: 'IST0166', path: 'spec.selector' });
    expect(ds[0].fix).toContain('name: web');
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
    expect(run(policyIneffectiveGatewaySelector, [workload('api', 'shop', { app: 'api' }), ap, other])).toEqual([]);
  });
});
