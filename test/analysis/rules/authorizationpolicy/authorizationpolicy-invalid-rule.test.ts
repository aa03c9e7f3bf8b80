import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyInvalidRule = ruleById('authorizationpolicy-invalid-rule');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });
const from = (source: any) => ({ from: [{ source }] });
const to = (operation: any) => ({ to: [{ operation }] });

describe('authorizationpolicy-invalid-rule', () => {
  test('rejects an empty source and empty values', () => {
    const ap = allow([{ from: [{ source: {} }] }, from({ principals: ['cluster.local/ns/shop/sa/web', ''] })]);
    const ds = many(authorizationPolicyInvalidRule, [ap], ['spec.rules[0].from[0].source', 'spec.rules[1].from[0].source.principals[1]']);
    expect(ds.every((d) => d.ruleId === 'authorizationpolicy-invalid-rule' && d.severity === Severity.ERROR && d.istioCode === 'IST0106')).toBe(true);
    expect(ds[0].fix).toContain('principals');
    expect(ds[1].message).toContain('principals[1] is an empty string');
  });

  // An empty list decodes as an unset field, so the webhook's "must not be empty" never fires on YAML.
  test('only warns on `from: []` and `to: []`, which Istio accepts and reads as absent', () => {
    const ds = run(authorizationPolicyInvalidRule, [allow([{ from: [], to: [] }])]);
    expect(ds.map((d) => `${d.path} ${d.severity}`)).toEqual(['spec.rules[0].from warning', 'spec.rules[0].to warning']);
    expect(ds[0].message).toContain('matches any caller');
  });

  test('rejects to without operation, and conditions without key or values', () => {
    const ap = allow([{ to: [{}] }, { when: [{ key: 'source.ip' }, { values: ['x'] }] }]);
    const ds = many(authorizationPolicyInvalidRule, [ap], ['spec.rules[0].to[0]', 'spec.rules[1].when[0]', 'spec.rules[1].when[1].key']);
    expect(ds[1].message).toContain('"source.ip" has neither values nor notValues');
  });

  test('rejects serviceAccounts mixed with principals, and malformed service accounts', () => {
    const ap = allow([from({ serviceAccounts: ['shop/web'], namespaces: ['shop'] }), from({ serviceAccounts: ['a/b/c'] }), from({ notServiceAccounts: ['web-*'] })]);
    const ds = many(authorizationPolicyInvalidRule, [ap], [
      'spec.rules[0].from[0].source.serviceAccounts',
      'spec.rules[1].from[0].source.serviceAccounts[0]',
      'spec.rules[2].from[0].source.notServiceAccounts[0]',
    ]);
    expect(ds[0].message).toContain('serviceAccounts together with namespaces');
    expect(ds[1].message).toContain('"a/b/c"');
    expect(ds[2].message).toContain('"web-*" contains "*"');
  });

  test('rejects a null rule', () => {
    const ds = run(authorizationPolicyInvalidRule, [allow([null])]);
    expect(ds[0].path).toBe('spec.rules[0]');
  });

  test('accepts well-formed rules, including the empty rule', () => {
    const ap = allow([{}, { ...from({ serviceAccounts: ['shop/web', 'api'] }), ...to({ methods: ['GET'] }), when: [{ key: 'request.headers[x-id]', notValues: ['1'] }] }]);
    none(authorizationPolicyInvalidRule, [ap]);
  });
});
