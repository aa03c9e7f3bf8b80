import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const authorizationPolicyRelativePath = ruleById('authorizationpolicy-relative-path');

const policy = (rules: any[], action = 'ALLOW') => authorizationPolicy('api', 'shop', { action, selector: { matchLabels: { app: 'api' } }, rules });
const operation = (op: any) => ({ to: [{ operation: op }] });

describe('authorizationpolicy-relative-path', () => {
  test('reports a path without leading slash', () => {
    const ds = many(authorizationPolicyRelativePath, [policy([operation({ paths: ['api/v1/*'], notPaths: ['health'] })])], ['spec.rules[0].to[0].operation.paths[0]', 'spec.rules[0].to[0].operation.notPaths[0]']);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-relative-path', severity: Severity.ERROR });
    expect(ds[0].message).toContain('"api/v1/*"');
    expect(ds[0].fix).toBe('Write "/api/v1/*".');
    expect(ds[1].message).toContain('excludes nothing');
  });

  test('accepts absolute paths and suffix matches', () => {
    none(authorizationPolicyRelativePath, [policy([operation({ paths: ['/api', '*.js', '*'] })])]);
  });
});
