import { Severity } from '../../../../src/analysis/diagnostic';
import { sidecar } from '../../../fixtures/manifests';
import { clean, many, ruleById } from '../../../fixtures/rules';

const sidecarMultipleNamespaceDefaults = ruleById('sidecar-multiple-namespace-defaults');

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];

describe('sidecar-multiple-namespace-defaults', () => {
  test('reports each of several selector-less Sidecars in one namespace', () => {
    const ds = many(sidecarMultipleNamespaceDefaults, [sidecar('default', 'shop', { egress: EGRESS }), sidecar('egress', 'shop', { egress: [{ hosts: ['*/*'] }] })], ['spec', 'spec'], { severity: Severity.ERROR });
    expect(ds.map((d) => d.resource.name)).toEqual(['default', 'egress']);
  });

  test('counts a workloadSelector without labels as namespace-wide', () => {
    many(sidecarMultipleNamespaceDefaults, [sidecar('a', 'shop', { egress: EGRESS }), sidecar('b', 'shop', { workloadSelector: {}, egress: EGRESS })], ['spec', 'spec']);
  });

  test('accepts one default per namespace', () => {
    clean(sidecarMultipleNamespaceDefaults, [sidecar('default', 'shop', { egress: EGRESS }), sidecar('default', 'billing', { egress: EGRESS })]);
  });
});
