import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { telemetry } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const telemetryMultipleWithoutSelector = ruleById('telemetry-multiple-without-selector');

const tracing = { tracing: [{ randomSamplingPercentage: 10 }] };

describe('telemetry-multiple-without-selector (IST0160)', () => {
  test('reports two namespace-wide Telemetries of one namespace', () => {
    const ds = many(telemetryMultipleWithoutSelector, [telemetry('a', 'shop', tracing), telemetry('b', 'shop', tracing)], ['metadata.name', 'metadata.name'], { severity: Severity.ERROR });
    expect(ds[0].message).toContain('Telemetries a, b in namespace shop');
  });

  test('accepts one namespace-wide Telemetry per namespace next to selecting or targeting ones', () => {
    const ts = [
      telemetry('a', 'shop', tracing),
      telemetry('b', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing }),
      telemetry('c', 'shop', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'web' }], ...tracing }),
      telemetry('d', 'billing', tracing),
    ];
    expectValidIstioObjects(ts);
    none(telemetryMultipleWithoutSelector, ts);
  });
});
