import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const authorizationPolicyAllowNothing = ruleById('authorizationpolicy-allow-nothing');

const selector = { matchLabels: { app: 'api' } };

describe('authorizationpolicy-allow-nothing', () => {
  test('informs that an ALLOW policy without rules denies everything', () => {
    const ds = many(authorizationPolicyAllowNothing, [
      authorizationPolicy('deny-all', 'shop', {}),
      authorizationPolicy('deny-api', 'shop', { selector, rules: [] }),
      authorizationPolicy('no-spec', 'shop', undefined),
    ], ['spec', 'spec.rules', ''], { severity: Severity.INFO });
    expect(ds.map((d) => d.resource.name)).toEqual(['deny-all', 'deny-api', 'no-spec']);
    expect(ds[0].message).toContain('allows nothing: every request to every workload of namespace shop is denied');
    expect(ds[1].message).toContain('app=api');
    expect(ds[0].fix).toContain('default-deny');
  });

  test('says nothing for policies with rules or other actions', () => {
    none(authorizationPolicyAllowNothing, [
      authorizationPolicy('ok', 'shop', { rules: [{}] }),
      authorizationPolicy('audit', 'shop', { action: 'AUDIT' }),
    ]);
  });
});
