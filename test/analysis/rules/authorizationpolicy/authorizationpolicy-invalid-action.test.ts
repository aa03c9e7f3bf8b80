import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const authorizationPolicyInvalidAction = ruleById('authorizationpolicy-invalid-action');

const from = (source: any) => ({ from: [{ source }] });
const to = (operation: any) => ({ to: [{ operation }] });

describe('authorizationpolicy-invalid-action', () => {
  test('DENY without rules is rejected', () => {
    const ap = authorizationPolicy('deny', 'shop', { action: 'DENY' });
    const d = one(authorizationPolicyInvalidAction, [ap], { path: 'spec.action', severity: Severity.ERROR });
    expect(d.message).toContain('DENY policy without rules');
    expect(d.fix).toContain('rules: [{}]');
  });

  test('CUSTOM needs a provider and cannot match identities; provider needs CUSTOM', () => {
    const custom = authorizationPolicy('ext', 'shop', {
      action: 'CUSTOM',
      rules: [{ ...from({ principals: ['cluster.local/ns/shop/sa/web'] }), when: [{ key: 'request.auth.claims[iss]', values: ['x'] }] }],
    });
    const provider = authorizationPolicy('p', 'shop', { action: 'ALLOW', provider: { name: 'ext' }, rules: [{}] });
    const ds = many(authorizationPolicyInvalidAction, [custom, provider], ['spec.action', 'spec.rules[0].from[0].source.principals', 'spec.rules[0].when[0].key', 'spec.provider']);
    expect(ds[0].message).toContain('provider.name');
    expect(ds[1].message).toContain('from.source.principals');
    expect(ds[2].message).toContain('"request.auth.claims[iss]"');
    expect(ds[3].message).toContain('ALLOW policy');
  });

  test('accepts DENY with rules and CUSTOM with provider', () => {
    const deny = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [to({ paths: ['/admin'], ports: ['8080'] })] });
    const custom = authorizationPolicy('ext', 'shop', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [to({ paths: ['/x'] })] });
    none(authorizationPolicyInvalidAction, [deny, custom]);
  });
});
