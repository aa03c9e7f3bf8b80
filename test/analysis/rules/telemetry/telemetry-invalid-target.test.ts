import { Severity } from '../../../../src/analysis/diagnostic';
import { telemetry } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const telemetryInvalidTarget = ruleById('telemetry-invalid-target');

const tracing = { tracing: [{ randomSamplingPercentage: 10 }] };

describe('telemetry-invalid-target (IST0106)', () => {
  test('rejects selector together with targetRefs', () => {
    const t = telemetry('t', 'shop', { selector: { matchLabels: { app: 'api' } }, targetRefs: [{ kind: 'Service', group: '', name: 'api' }], ...tracing });
    one(telemetryInvalidTarget, [t], { path: 'spec.targetRefs', severity: Severity.ERROR });
  });

  test('rejects wildcard labels, cross-namespace targets and kinds Istio cannot target; warns on a selector without labels', () => {
    const ds = run(telemetryInvalidTarget, [
      telemetry('a', 'shop', { selector: { matchLabels: { app: 'api-*' } }, ...tracing }),
      telemetry('b', 'shop', { targetRefs: [{ kind: 'Deployment', group: 'apps', name: 'api', namespace: 'other' }], ...tracing }),
      telemetry('c', 'shop', { selector: {}, ...tracing }),
    ]);
    expect(ds.map((d) => `${d.resource.name} ${d.path} ${d.severity} ${d.istioCode}`)).toEqual([
      'a spec.selector.matchLabels.app error IST0106',
      'b spec.targetRefs[0].namespace error IST0106',
      'b spec.targetRefs[0].kind error IST0106',
      // The webhook only warns here, which istioctl reports as IST0133.
      'c spec.selector warning IST0133',
    ]);
  });

  test('accepts a selector, or targetRefs to a Service, ServiceEntry or Gateway', () => {
    const ts = [
      telemetry('a', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing }),
      telemetry('b', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'api' }, { kind: 'ServiceEntry', group: 'networking.istio.io', name: 'ext' }], ...tracing }),
    ];
    none(telemetryInvalidTarget, ts);
  });
});
