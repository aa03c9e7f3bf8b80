import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, peerAuthentication, workload } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyIdentityWithoutMtls = ruleById('authorizationpolicy-identity-without-mtls');

const backend = workload('backend', 'shop', { app: 'backend' }, { serviceAccount: 'backend', ports: [{ containerPort: 8080 }, { containerPort: 9090 }] });
const fromFrontend = { from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }] };
const policy = (action: string, rules: any[]) => authorizationPolicy('backend', 'shop', { action, selector: { matchLabels: { app: 'backend' } }, rules });
const strict = peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } });

describe('authorizationpolicy-identity-without-mtls', () => {
  test('warns that a DENY on principals can be bypassed under PERMISSIVE (the default)', () => {
    const ap = policy('DENY', [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }] }]);
    const d = one(authorizationPolicyIdentityWithoutMtls, [backend, ap], { path: 'spec.rules[0].from[0].source.principals', severity: Severity.WARNING });
    expect(d.istioCode).toBeUndefined();
    expect(d.message).toContain('DENY rule 0 matches on principals');
    expect(d.message).toContain('Deployment shop/backend accepts plain text: mTLS mode PERMISSIVE (no PeerAuthentication applies');
    expect(d.message).toContain('can be bypassed');
    expect(d.fix).toContain('mtls.mode STRICT');
  });

  test('an ALLOW on namespaces under DISABLE never matches anyone', () => {
    const off = peerAuthentication('default', 'shop', { mtls: { mode: 'DISABLE' } });
    const ap = policy('ALLOW', [{ from: [{ source: { namespaces: ['shop'] } }] }]);
    const ds = run(authorizationPolicyIdentityWithoutMtls, [backend, off, ap]);
    expect(ds[0].message).toContain('DISABLE (namespace-wide PeerAuthentication shop/default)');
    expect(ds[0].message).toContain('never matches anyone');
  });

  test('an ALLOW on notPrincipals lets plain-text callers in', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/batch'] } }] }]);
    const ds = run(authorizationPolicyIdentityWithoutMtls, [backend, ap]);
    expect(ds[0].message).toContain('matches the "not…" condition and is allowed');
  });

  test('looks at the ports of the rule and at port-level overrides', () => {
    const pa = peerAuthentication('backend', 'shop', { selector: { matchLabels: { app: 'backend' } }, portLevelMtls: { 9090: { mode: 'PERMISSIVE' } } });
    const on8080 = policy('ALLOW', [{ ...fromFrontend, to: [{ operation: { ports: ['8080'] } }] }]);
    none(authorizationPolicyIdentityWithoutMtls, [backend, strict, pa, on8080]);
    const anyPort = policy('ALLOW', [fromFrontend]);
    const d = one(authorizationPolicyIdentityWithoutMtls, [backend, strict, pa, anyPort], { path: 'spec.rules[0].from[0].source.principals' });
    expect(d.message).toContain('plain text on port 9090: mTLS mode PERMISSIVE (port-level setting of PeerAuthentication shop/backend)');
    expect(d.fix).toContain('portLevelMtls 9090: STRICT');
  });

  test('checks source.* conditions too', () => {
    const ap = policy('DENY', [{ when: [{ key: 'source.namespace', values: ['legacy'] }] }]);
    const ds = run(authorizationPolicyIdentityWithoutMtls, [backend, ap]);
    expect(ds[0].path).toBe('spec.rules[0].when[0].values');
    expect(ds[0].message).toContain('condition "source.namespace" values');
  });

  test('without workloads, judges the mode a pod with the selector labels would get', () => {
    const found = one(authorizationPolicyIdentityWithoutMtls, [policy('ALLOW', [fromFrontend])], { path: 'spec.rules[0].from[0].source.principals' });
    expect(found.message).toContain('the selected workloads accept plain text');
    const nsWide = authorizationPolicy('ns', 'shop', { rules: [fromFrontend] });
    expect(run(authorizationPolicyIdentityWithoutMtls, [nsWide])[0].message).toContain('workloads of namespace shop accept plain text');
    none(authorizationPolicyIdentityWithoutMtls, [strict, nsWide]);
  });

  test('is quiet under STRICT and for rules without identity', () => {
    const meshStrict = peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } });
    none(authorizationPolicyIdentityWithoutMtls, [backend, meshStrict, policy('DENY', [fromFrontend])]);
    none(authorizationPolicyIdentityWithoutMtls, [backend, policy('ALLOW', [{ to: [{ operation: { methods: ['GET'] } }] }])]);
  });
});
