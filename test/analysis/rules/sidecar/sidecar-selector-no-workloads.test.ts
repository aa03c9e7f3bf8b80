import { Severity } from '../../../../src/analysis/diagnostic';
import { sidecar, workload } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const sidecarSelectorNoWorkloads = ruleById('sidecar-selector-no-workloads');

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];
const api = workload('api', 'shop', { app: 'api', version: 'v1' });
const selecting = (name: string, labels: Record<string, string>, namespace = 'shop') => sidecar(name, namespace, { workloadSelector: { labels }, egress: EGRESS });

describe('sidecar-selector-no-workloads', () => {
  test('warns when the selector matches no pod template of the namespace', () => {
    const d = one(sidecarSelectorNoWorkloads, [api, selecting('api', { app: 'api-server' })], { path: 'spec.workloadSelector.labels', severity: Severity.WARNING });
    expect(d.message).toContain('app=api-server');
  });

  test('accepts a matching selector, and does not judge namespaces without workloads in the app', () => {
    clean(sidecarSelectorNoWorkloads, [api, selecting('api', { app: 'api' }), selecting('other', { app: 'x' }, 'billing')]);
  });
});
