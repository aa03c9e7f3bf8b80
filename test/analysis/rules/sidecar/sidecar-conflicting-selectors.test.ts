import { Severity } from '../../../../src/analysis/diagnostic';
import { sidecar, workload } from '../../../fixtures/manifests';
import { clean, many, ruleById } from '../../../fixtures/rules';

const sidecarConflictingSelectors = ruleById('sidecar-conflicting-selectors');

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];
const api = workload('api', 'shop', { app: 'api', version: 'v1' });
const web = workload('web', 'shop', { app: 'web' });
const selecting = (name: string, labels: Record<string, string>, namespace = 'shop') => sidecar(name, namespace, { workloadSelector: { labels }, egress: EGRESS });

describe('sidecar-conflicting-selectors', () => {
  test('reports each Sidecar selecting the same pods as another', () => {
    const ds = many(sidecarConflictingSelectors, [api, web, selecting('by-app', { app: 'api' }), selecting('by-version', { version: 'v1' })], ['spec.workloadSelector.labels', 'spec.workloadSelector.labels'], { severity: Severity.ERROR });
    expect(ds.map((d) => d.resource.name)).toEqual(['by-app', 'by-version']);
    expect(ds[0].message).toContain('Sidecar by-version');
    expect(ds[0].message).toContain('Deployment api');
  });

  test('accepts disjoint selectors', () => {
    clean(sidecarConflictingSelectors, [api, web, selecting('api', { app: 'api' }), selecting('web', { app: 'web' })]);
  });
});
