import { Severity } from '../../../../src/analysis/diagnostic';
import { namespaceObject, sidecar, workload } from '../../../fixtures/manifests';
import { clean, many, none, one, ruleById } from '../../../fixtures/rules';

const sidecarConflictingSelectors = ruleById('sidecar-conflicting-selectors');
const sidecarIneffectiveInAmbient = ruleById('sidecar-ineffective-in-ambient');

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];
const api = workload('api', 'shop', { app: 'api', version: 'v1' });
const selecting = (name: string, labels: Record<string, string>, namespace = 'shop') => sidecar(name, namespace, { workloadSelector: { labels }, egress: EGRESS });

describe('sidecar-ineffective-in-ambient', () => {
  test('warns about a namespace Sidecar in an ambient namespace', () => {
    const found = one(sidecarIneffectiveInAmbient, [namespaceObject('shop', { 'istio.io/dataplane-mode': 'ambient' }), sidecar('default', 'shop', { egress: EGRESS })], { path: 'metadata.namespace', severity: Severity.WARNING });
    expect(found.message).toContain('ambient mode');
  });

  test('warns about a Sidecar selecting ambient pods, instead of a conflict', () => {
    const ambientApi = workload('api', 'shop', { app: 'api' }, { podLabels: { 'istio.io/dataplane-mode': 'ambient' } });
    const objects = [ambientApi, selecting('a', { app: 'api' }), selecting('b', { app: 'api' })];
    expect(many(sidecarIneffectiveInAmbient, objects, ['spec.workloadSelector', 'spec.workloadSelector']).map((d) => d.resource.name)).toEqual(['a', 'b']);
    none(sidecarConflictingSelectors, objects);
  });

  test('accepts Sidecars in sidecar-injected namespaces', () => {
    clean(sidecarIneffectiveInAmbient, [namespaceObject('shop', { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' }), api, sidecar('default', 'shop', { egress: EGRESS })]);
  });
});
