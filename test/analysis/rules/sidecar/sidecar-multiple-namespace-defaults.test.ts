import { analyzeSources } from '../../../../src/analysis/analysis-run';
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

  test('warns only when namespace-less Sidecars come from different files, which may go to different namespaces', () => {
    const bare = (name: string) => { const sc = sidecar(name, 'x', { egress: EGRESS }); delete sc.metadata.namespace; return sc; };
    const apart = analyzeSources([{ manifest: bare('a'), file: 'a.yaml' }, { manifest: bare('b'), file: 'b.yaml' }], { rules: [sidecarMultipleNamespaceDefaults] });
    expect(apart.map((d) => d.severity)).toEqual([Severity.WARNING, Severity.WARNING]);
    expect(apart[0].message).toContain('declare no namespace');
    const together = analyzeSources([{ manifest: bare('a'), file: 'all.yaml' }, { manifest: bare('b'), file: 'all.yaml' }], { rules: [sidecarMultipleNamespaceDefaults] });
    expect(together.map((d) => d.severity)).toEqual([Severity.ERROR, Severity.ERROR]);
  });

  test('is an error when the Sidecars declare the namespace, even from different files', () => {
    const ds = analyzeSources([{ manifest: sidecar('a', 'shop', { egress: EGRESS }), file: 'a.yaml' }, { manifest: sidecar('b', 'shop', { egress: EGRESS }), file: 'b.yaml' }], { rules: [sidecarMultipleNamespaceDefaults] });
    expect(ds.map((d) => d.severity)).toEqual([Severity.ERROR, Severity.ERROR]);
  });
});
