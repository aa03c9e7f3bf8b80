import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyInvalidPathTemplate = ruleById('authorizationpolicy-invalid-path-template');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });
const to = (operation: any) => ({ to: [{ operation }] });

describe('authorizationpolicy-invalid-path-template', () => {
  test('rejects {**} before the end and braces inside a segment', () => {
    const ap = allow([to({ paths: ['/api/{**}/{*}', '/api/v{*}', '/api/{*}/x*', '/ok/{*}/items/{**}', '/files/{**}/raw'] })]);
    const ds = run(authorizationPolicyInvalidPathTemplate, [ap]);
    expect(ds.map((d) => d.path)).toEqual([0, 1, 2].map((k) => `spec.rules[0].to[0].operation.paths[${k}]`));
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-path-template', severity: Severity.ERROR, istioCode: 'IST0106' });
    expect(ds[0].message).toContain('"/api/{**}/{*}"');
    expect(ds[0].message).toContain('last operator');
    expect(ds[2].message).toContain('cannot be mixed');
    expect(ds[0].fix).toContain('{*} for exactly one segment');
  });

  // Istio only rejects another operator after {**}; a literal segment after it passes its check.
  test.each(['/{**}', '/a/{*}/{*}', '/plain/*', '/files/{**}/raw'])('follows Istio in accepting %j', (path) => {
    none(authorizationPolicyInvalidPathTemplate, [allow([to({ paths: [path] })])]);
  });

  test('follows Istio in refusing an operator after {**}', () => {
    const d = one(authorizationPolicyInvalidPathTemplate, [allow([to({ paths: ['/a/{**}/{*}'] })])], { path: 'spec.rules[0].to[0].operation.paths[0]' });
    expect(d.message).toContain('last');
  });
});
