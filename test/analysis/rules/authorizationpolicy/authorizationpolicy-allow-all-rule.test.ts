import { analyzeSources } from '../../../../src/analysis/analysis-run';
import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyAllowAllRule = ruleById('authorizationpolicy-allow-all-rule');

const selector = { matchLabels: { app: 'api' } };

describe('authorizationpolicy-allow-all-rule', () => {
  test('warns about an ALLOW rule without from, to or when', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{ to: [{ operation: { methods: ['GET'] } }] }, {}] });
    const d = one(authorizationPolicyAllowAllRule, [ap], { path: 'spec.rules[1]', severity: Severity.WARNING });
    expect(d.istioCode).toBeUndefined();
    expect(d.message).toContain('ALLOW rule 1 has no from, to or when');
    expect(d.message).toContain('the workloads labelled app=api in namespace shop');
    expect(d.fix).toContain('from.source.principals');
  });

  test('names the mesh when the policy is in the root namespace', () => {
    const ds = run(authorizationPolicyAllowAllRule, [authorizationPolicy('all', 'mesh-root', { rules: [{}] })], { rootNamespace: 'mesh-root' });
    expect(ds[0].message).toContain('every workload of the mesh');
  });

  test('accepts restricted rules and DENY/AUDIT policies with empty rules', () => {
    const ok = authorizationPolicy('api', 'shop', { selector, rules: [{ from: [{ source: { namespaces: ['shop'] } }] }, { when: [{ key: 'source.ip', values: ['10.0.0.0/8'] }] }] });
    const deny = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [{}] });
    none(authorizationPolicyAllowAllRule, [ok, deny]);
  });

  test('can be silenced with the ignore annotation when allow-all is intended', () => {
    const ap = authorizationPolicy('all', 'shop', { rules: [{}] }, { annotations: { 'cdk8s-istio.io/ignore-rules': 'authorizationpolicy-allow-all-rule' } });
    expect(analyzeSources([{ manifest: ap }], { rules: [authorizationPolicyAllowAllRule] })).toEqual([]);
  });
});
