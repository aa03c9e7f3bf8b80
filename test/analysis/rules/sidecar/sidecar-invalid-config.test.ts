import { Severity } from '../../../../src/analysis/diagnostic';
import { sidecar } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const sidecarInvalidConfig = ruleById('sidecar-invalid-config');

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];

describe('sidecar-invalid-config', () => {
  test('rejects an empty Sidecar', () => {
    one(sidecarInvalidConfig, [sidecar('default', 'shop', {})], { path: 'spec', severity: Severity.ERROR });
  });

  test('rejects a wildcard in the workload selector', () => {
    one(sidecarInvalidConfig, [sidecar('api', 'shop', { workloadSelector: { labels: { app: 'api-*' } }, egress: EGRESS })], { path: 'spec.workloadSelector.labels.app' });
  });

  test('accepts a namespace default with egress hosts', () => {
    clean(sidecarInvalidConfig, [sidecar('default', 'shop', { egress: EGRESS })]);
  });
});
