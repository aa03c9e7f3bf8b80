import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const authorizationPolicyDenyHttpOnly = ruleById('authorizationpolicy-deny-http-only');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });
const from = (source: any) => ({ from: [{ source }] });
const to = (operation: any) => ({ to: [{ operation }] });

describe('authorizationpolicy-deny-http-only', () => {
  test('warns when a DENY rule has only HTTP attributes', () => {
    const ap = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [to({ methods: ['DELETE'] }), from({ requestPrincipals: ['*'] })] });
    const ds = many(authorizationPolicyDenyHttpOnly, [ap], ['spec.rules[0]', 'spec.rules[1]']);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-deny-http-only', severity: Severity.WARNING, istioCode: 'IST0133' });
    expect(ds[0].message).toContain('denies all TCP traffic');
    expect(ds[1].message).toContain('request principal');
    expect(ds[0].fix).toContain('ports');
  });

  test('accepts a DENY rule limited to ports, or matching peers, and any ALLOW rule', () => {
    const deny = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [to({ methods: ['DELETE'], ports: ['8080'] }), from({ namespaces: ['test'] })] });
    const allowRule = allow([to({ methods: ['GET'] })]);
    none(authorizationPolicyDenyHttpOnly, [deny, allowRule]);
  });
});
