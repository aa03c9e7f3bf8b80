import { authorizationPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('authorizationpolicy-jwt-bypassed');

const selector = { matchLabels: { app: 'frontend' } };
const requireJwt = authorizationPolicy('require-jwt', 'shop', {
  selector,
  rules: [{ from: [{ source: { requestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/app/*'] } }] }],
});
const gatewayCalls = { from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/ingress'] } }] };

describe('authorizationpolicy-jwt-bypassed', () => {
  test('warns on a token-requiring ALLOW policy when another ALLOW policy on the same pods asks for no token', () => {
    const d = one(rule, [requireJwt, authorizationPolicy('gateway', 'shop', { selector, rules: [gatewayCalls] })], { path: 'spec.rules' });
    expect(d.resource.name).toBe('require-jwt');
    expect(d.message).toContain('the ALLOW policy shop/gateway applies to them too');
    expect(d.fix).toContain('notRequestPrincipals');
  });

  test('counts a namespace-wide ALLOW policy and one in the root namespace as covering the pods', () => {
    one(rule, [requireJwt, authorizationPolicy('ns-wide', 'shop', { rules: [{}] })], { path: 'spec.rules' });
    one(rule, [requireJwt, authorizationPolicy('mesh-wide', 'istio-system', { rules: [gatewayCalls] })], { path: 'spec.rules' });
  });

  test('says nothing when the other policy also requires a token, allows nothing, or selects other pods', () => {
    none(rule, [
      requireJwt,
      authorizationPolicy('also-jwt', 'shop', { selector, rules: [{ from: [{ source: { requestPrincipals: ['https://a/*'] } }] }] }),
      authorizationPolicy('deny-all', 'shop', {}),
      authorizationPolicy('other-app', 'shop', { selector: { matchLabels: { app: 'backend' } }, rules: [gatewayCalls] }),
      authorizationPolicy('other-ns', 'pay', { rules: [gatewayCalls] }),
      authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [gatewayCalls] }),
    ]);
  });

  test('says nothing when no ALLOW policy requires a token', () => {
    none(rule, [authorizationPolicy('a', 'shop', { selector, rules: [gatewayCalls] }), authorizationPolicy('b', 'shop', { rules: [{}] })]);
  });
});
