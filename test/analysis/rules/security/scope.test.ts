import { authorizationPolicy, run, runWith } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { analyzeSources } from '../../../../src/analysis/engine';
import { authorizationPolicyAllowAllRule } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-allow-all-rule';
import { authorizationPolicyAllowNothing } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-allow-nothing';
import { authorizationPolicyDefaultServiceAccount } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-default-service-account';
import { DEFAULT_SA_ANNOTATION } from '../../../../src/analysis/facts/authorizationpolicy-scope';

const selector = { matchLabels: { app: 'api' } };

describe('authorizationpolicy-allow-all-rule', () => {
  test('warns about an ALLOW rule without from, to or when', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{ to: [{ operation: { methods: ['GET'] } }] }, {}] });
    const ds = run(authorizationPolicyAllowAllRule, [ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-allow-all-rule', severity: Severity.WARNING, path: 'spec.rules[1]' });
    expect(ds[0].istioCode).toBeUndefined();
    expect(ds[0].message).toContain('ALLOW rule 1 has no from, to or when');
    expect(ds[0].message).toContain('the workloads labelled app=api in namespace shop');
    expect(ds[0].fix).toContain('from.source.principals');
  });

  test('names the mesh when the policy is in the root namespace', () => {
    const ds = runWith(authorizationPolicyAllowAllRule, [authorizationPolicy('all', 'mesh-root', { rules: [{}] })], { rootNamespace: 'mesh-root' });
    expect(ds[0].message).toContain('every workload of the mesh');
  });

  test('accepts restricted rules and DENY/AUDIT policies with empty rules', () => {
    const ok = authorizationPolicy('api', 'shop', { selector, rules: [{ from: [{ source: { namespaces: ['shop'] } }] }, { when: [{ key: 'source.ip', values: ['10.0.0.0/8'] }] }] });
    const deny = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [{}] });
    expect(run(authorizationPolicyAllowAllRule, [ok, deny])).toEqual([]);
  });

  test('can be silenced with the ignore annotation when allow-all is intended', () => {
    const ap = authorizationPolicy('all', 'shop', { rules: [{}] }, { 'cdk8s-istio.io/ignore-rules': 'authorizationpolicy-allow-all-rule' });
    expect(analyzeSources([{ manifest: ap }], { rules: [authorizationPolicyAllowAllRule] })).toEqual([]);
  });
});

describe('authorizationpolicy-allow-nothing', () => {
  test('informs that an ALLOW policy without rules denies everything', () => {
    const ds = run(authorizationPolicyAllowNothing, [
      authorizationPolicy('deny-all', 'shop', {}),
      authorizationPolicy('deny-api', 'shop', { selector, rules: [] }),
      authorizationPolicy('no-spec', 'shop', undefined),
    ]);
    expect(ds.map((d) => [d.resource.name, d.path])).toEqual([['deny-all', 'spec'], ['deny-api', 'spec.rules'], ['no-spec', '']]);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-allow-nothing', severity: Severity.INFO });
    expect(ds[0].message).toContain('allows nothing: every request to every workload of namespace shop is denied');
    expect(ds[1].message).toContain('app=api');
    expect(ds[0].fix).toContain('default-deny');
  });

  test('says nothing for policies with rules or other actions', () => {
    const ds = run(authorizationPolicyAllowNothing, [
      authorizationPolicy('ok', 'shop', { rules: [{}] }),
      authorizationPolicy('audit', 'shop', { action: 'AUDIT' }),
    ]);
    expect(ds).toEqual([]);
  });
});

describe('authorizationpolicy-default-service-account', () => {
  const principal = 'cluster.local/ns/shop/sa/default';

  test('explains the annotation the constructs put on a policy built from a workload without service account', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{ from: [{ source: { principals: [principal] } }] }] }, { [DEFAULT_SA_ANNOTATION]: principal });
    const ds = run(authorizationPolicyDefaultServiceAccount, [ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-default-service-account', severity: Severity.WARNING, path: 'spec.rules[0].from[0].source.principals[0]' });
    expect(ds[0].message).toContain(`"${principal}" is the "default" service account of namespace shop`);
    expect(ds[0].message).toContain('has no service account of its own');
    expect(ds[0].message).toContain('this rule allows all of them');
    expect(ds[0].fix).toContain('its own ServiceAccount');
  });

  test('points at the annotation when the principal is no longer in the rules', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{}] }, { [DEFAULT_SA_ANNOTATION]: `${principal}, cluster.local/ns/web/sa/default` });
    const ds = run(authorizationPolicyDefaultServiceAccount, [ap]);
    expect(ds.map((d) => d.path)).toEqual(['metadata.annotations["cdk8s-istio.io/principal-default-sa"]', 'metadata.annotations["cdk8s-istio.io/principal-default-sa"]']);
    expect(ds[1].message).toContain('namespace web');
  });

  test('also reports default accounts written by hand, in principals and serviceAccounts', () => {
    const ap = authorizationPolicy('api', 'shop', {
      action: 'DENY',
      selector,
      rules: [
        { from: [{ source: { principals: ['cluster.local/ns/batch/sa/default'] } }] },
        { from: [{ source: { serviceAccounts: ['default', 'web/default'] } }] },
      ],
    });
    const ds = run(authorizationPolicyDefaultServiceAccount, [ap]);
    expect(ds.map((d) => d.path)).toEqual([
      'spec.rules[0].from[0].source.principals[0]',
      'spec.rules[1].from[0].source.serviceAccounts[0]',
      'spec.rules[1].from[0].source.serviceAccounts[1]',
    ]);
    expect(ds[0].message).toContain('namespace batch');
    expect(ds[0].message).toContain('this rule denies all of them');
    expect(ds[1].message).toContain('namespace shop');
    expect(ds[2].message).toContain('namespace web');
  });

  test('accepts dedicated service accounts', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend', 'cluster.local/ns/shop/sa/default-reader'] } }] }] });
    expect(run(authorizationPolicyDefaultServiceAccount, [ap])).toEqual([]);
  });
});
