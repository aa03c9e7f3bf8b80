import { Severity } from '../../../../src/analysis/diagnostic';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('workloadgroup-invalid-spec');

const group = (spec: Record<string, any>): any => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'WorkloadGroup',
  metadata: { name: 'vms', namespace: 'shop' },
  spec: { template: { serviceAccount: 'vm' }, ...spec },
});

describe('workloadgroup-invalid-spec (IST0106)', () => {
  test('rejects an invalid label value for the WorkloadEntries', () => {
    const d = one(rule, [group({ metadata: { labels: { app: 'bad value!' } } })], { path: 'spec.metadata.labels', severity: Severity.ERROR });
    expect(d).toMatchObject({ istioCode: 'IST0106' });
    expect(d.message).toContain('"app"');
  });

  test('rejects negative readiness probe counters', () => {
    many(rule, [group({ probe: { periodSeconds: -1, failureThreshold: -3, httpGet: { port: 8080 } } })], ['spec.probe.periodSeconds', 'spec.probe.failureThreshold']);
  });

  test('accepts valid labels and probe settings', () => {
    none(rule, [group({ metadata: { labels: { app: 'vm-app', version: 'v1' } }, probe: { periodSeconds: 5, initialDelaySeconds: 0, httpGet: { port: 8080 } } })]);
  });
});
