import { Severity } from '../../../../src/analysis/diagnostic';
import { telemetry, workload } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const telemetryConflictingSelectors = ruleById('telemetry-conflicting-selectors');

const api = workload('api', 'shop', { app: 'api', tier: 'back' });
const web = workload('web', 'shop', { app: 'web', tier: 'front' });
const tracing = { tracing: [{ randomSamplingPercentage: 10 }] };

describe('telemetry-conflicting-selectors (IST0159)', () => {
  test('reports every Telemetry that selects a workload another one selects', () => {
    const a = telemetry('a', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing });
    const b = telemetry('b', 'shop', { selector: { matchLabels: { tier: 'back' } }, ...tracing });
    const ds = many(telemetryConflictingSelectors, [api, web, a, b], ['spec.selector', 'spec.selector'], { severity: Severity.ERROR });
    expect(ds.map((d) => d.resource.name)).toEqual(['a', 'b']);
    expect(ds[0].message).toContain('This Telemetry and shop/b select the same workload (Deployment shop/api)');
  });

  test('accepts selectors that pick different workloads', () => {
    const a = telemetry('a', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing });
    const b = telemetry('b', 'shop', { selector: { matchLabels: { app: 'web' } }, ...tracing });
    none(telemetryConflictingSelectors, [api, web, a, b]);
  });
});
