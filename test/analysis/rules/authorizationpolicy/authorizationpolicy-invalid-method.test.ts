import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyInvalidMethod = ruleById('authorizationpolicy-invalid-method');

const policy = (rules: any[], action = 'ALLOW') => authorizationPolicy('api', 'shop', { action, selector: { matchLabels: { app: 'api' } }, rules });
const operation = (op: any) => ({ to: [{ operation: op }] });

describe('authorizationpolicy-invalid-method', () => {
  test('reports a lower-case method as an error and an unknown one as a warning', () => {
    const ds = run(authorizationPolicyInvalidMethod, [policy([operation({ methods: ['get', 'FETCH', 'POST'] })])]);
    expect(ds).toHaveLength(2);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-method', severity: Severity.WARNING, path: 'spec.rules[0].to[0].operation.methods[0]' });
    expect(ds[0].message).toContain('"get"');
    expect(ds[0].fix).toBe('Write "GET".');
    expect(ds[1]).toMatchObject({ severity: Severity.WARNING, path: 'spec.rules[0].to[0].operation.methods[1]' });
    expect(ds[1].message).toContain('"FETCH"');
    expect(ds[1].fix).toContain('gRPC');
  });

  test('accepts standard methods and wildcards', () => {
    none(authorizationPolicyInvalidMethod, [policy([operation({ notMethods: ['DELETE', 'PATCH'], methods: ['G*'] })])]);
  });

  test('reports a lone lower-case method, writing it in upper case', () => {
    const d = one(authorizationPolicyInvalidMethod, [policy([operation({ methods: ['delete'] })])], { path: 'spec.rules[0].to[0].operation.methods[0]', severity: Severity.WARNING });
    expect(d.fix).toBe('Write "DELETE".');
  });
});
