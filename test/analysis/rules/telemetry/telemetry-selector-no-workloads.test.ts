import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { telemetry, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const telemetrySelectorNoWorkloads = ruleById('telemetry-selector-no-workloads');

const api = workload('api', 'shop', { app: 'api', tier: 'back' });
const tracing = { tracing: [{ randomSamplingPercentage: 10 }] };

describe('telemetry-selector-no-workloads (IST0101)', () => {
  test('reports a selector that matches no workload of its namespace', () => {
    const t = telemetry('api', 'shop', { selector: { matchLabels: { app: 'apii' } }, ...tracing });
    const d = one(telemetrySelectorNoWorkloads, [api, t], { path: 'spec.selector.matchLabels', severity: Severity.ERROR });
    expect(d.message).toContain('Selector app=apii matches no workload of namespace shop');
  });

  test('accepts a matching selector, and does not judge namespaces without workloads in the app', () => {
    const ok = telemetry('api', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing });
    const elsewhere = telemetry('gw', 'istio-system', { selector: { matchLabels: { istio: 'ingressgateway' } }, ...tracing });
    expectValidIstioObjects([ok, elsewhere]);
    none(telemetrySelectorNoWorkloads, [api, ok, elsewhere]);
  });
});
