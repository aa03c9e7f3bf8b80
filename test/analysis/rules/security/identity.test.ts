import { authorizationPolicy, namespaceObject, peerAuthentication, run, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicyIdentityWithoutMtls } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-identity-without-mtls';
import { authorizationPolicyUnknownNamespace } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-unknown-namespace';
import { authorizationPolicyUnknownPrincipal } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-unknown-principal';

const backend = workload('backend', 'shop', { app: 'backend' }, { serviceAccount: 'backend', ports: [{ containerPort: 8080 }, { containerPort: 9090 }] });
const frontend = workload('frontend', 'shop', { app: 'frontend' }, { serviceAccount: 'frontend' });
const fromFrontend = { from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }] };
const policy = (action: string, rules: any[]) => authorizationPolicy('backend', 'shop', { action, selector: { matchLabels: { app: 'backend' } }, rules });
const strict = peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } });

describe('authorizationpolicy-identity-without-mtls', () => {
  test('warns that a DENY on principals can be bypassed under PERMISSIVE (the default)', () => {
    const ap = policy('DENY', [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }] }]);
    const ds = run(authorizationPolicyIdentityWithoutMtls, [backend, ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-identity-without-mtls', severity: Severity.WARNING, path: 'spec.rules[0].from[0].source.principals' });
    expect(ds[0].istioCode).toBeUndefined();
    expect(ds[0].message).toContain('DENY rule 0 matches on principals');
    expect(ds[0].message).toContain('Deployment shop/backend accepts plain text: mTLS mode PERMISSIVE (no PeerAuthentication applies');
    expect(ds[0].message).toContain('can be bypassed');
    expect(ds[0].fix).toContain('mtls.mode STRICT');
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
    expect(run(authorizationPolicyIdentityWithoutMtls, [backend, strict, pa, on8080])).toEqual([]);
    const anyPort = policy('ALLOW', [fromFrontend]);
    const ds = run(authorizationPolicyIdentityWithoutMtls, [backend, strict, pa, anyPort]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('plain text on port 9090: mTLS mode PERMISSIVE (port-level setting of PeerAuthentication shop/backend)');
    expect(ds[0].fix).toContain('portLevelMtls 9090: STRICT');
  });

  test('checks source.* conditions too', () => {
    const ap = policy('DENY', [{ when: [{ key: 'source.namespace', values: ['legacy'] }] }]);
    const ds = run(authorizationPolicyIdentityWithoutMtls, [backend, ap]);
    expect(ds[0].path).toBe('spec.rules[0].when[0].values');
    expect(ds[0].message).toContain('condition "source.namespace" values');
  });

  test('without workloads, judges the mode a pod with the selector labels would get', () => {
    const ds = run(authorizationPolicyIdentityWithoutMtls, [policy('ALLOW', [fromFrontend])]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('the selected workloads accept plain text');
    const nsWide = authorizationPolicy('ns', 'shop', { rules: [fromFrontend] });
    expect(run(authorizationPolicyIdentityWithoutMtls, [nsWide])[0].message).toContain('workloads of namespace shop accept plain text');
    expect(run(authorizationPolicyIdentityWithoutMtls, [strict, nsWide])).toEqual([]);
  });

  test('is quiet under STRICT and for rules without identity', () => {
    const meshStrict = peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } });
    expect(run(authorizationPolicyIdentityWithoutMtls, [backend, meshStrict, policy('DENY', [fromFrontend])])).toEqual([]);
    expect(run(authorizationPolicyIdentityWithoutMtls, [backend, policy('ALLOW', [{ to: [{ operation: { methods: ['GET'] } }] }])])).toEqual([]);
  });
});

describe('authorizationpolicy-unknown-principal', () => {
  test('warns about a service account no workload runs as, suggesting the closest', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontnd'] } }] }]);
    const ds = run(authorizationPolicyUnknownPrincipal, [backend, frontend, ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-unknown-principal', severity: Severity.WARNING, path: 'spec.rules[0].from[0].source.principals[0]' });
    expect(ds[0].message).toContain('service account "frontnd" of namespace shop');
    expect(ds[0].message).toContain('they run as "backend", "frontend"');
    expect(ds[0].message).toContain('may be deployed elsewhere');
    expect(ds[0].fix).toContain('Did you mean "frontend"?');
  });

  test('warns about a namespace that is not in the app', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { serviceAccounts: ['payments/api'] } }] }]);
    const ds = run(authorizationPolicyUnknownPrincipal, [backend, ap]);
    expect(ds[0].path).toBe('spec.rules[0].from[0].source.serviceAccounts[0]');
    expect(ds[0].message).toContain('names namespace "payments", which is not in the analysed manifests (namespaces here: shop)');
    expect(ds[0].message).toContain('may live elsewhere');
  });

  test('reads namespaces and accounts from wildcard principals and source.* conditions', () => {
    const ap = policy('ALLOW', [
      { from: [{ source: { principals: ['cluster.local/ns/payments/*', '*/ns/shop/sa/ghost', '*/sa/ghost'] } }] },
      { when: [{ key: 'source.serviceAccount', values: ['ghost'] }] },
    ]);
    const ds = run(authorizationPolicyUnknownPrincipal, [backend, ap]);
    expect(ds.map((d) => d.path)).toEqual([
      'spec.rules[0].from[0].source.principals[0]',
      'spec.rules[0].from[0].source.principals[1]',
      'spec.rules[1].when[0].values[0]',
    ]);
  });

  test('accepts accounts in use (the implicit default too) and stays quiet without workloads', () => {
    const noSa = workload('batch', 'shop', { app: 'batch' });
    const ap = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend', 'cluster.local/ns/shop/sa/default'] } }] }]);
    expect(run(authorizationPolicyUnknownPrincipal, [backend, frontend, noSa, ap])).toEqual([]);
    expect(run(authorizationPolicyUnknownPrincipal, [policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/x/sa/y'] } }] }])])).toEqual([]);
  });

  test('does not judge accounts of a namespace without workloads in the app', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/ops/sa/anything'] } }] }]);
    expect(run(authorizationPolicyUnknownPrincipal, [backend, namespaceObject('ops'), ap])).toEqual([]);
  });
});

describe('authorizationpolicy-unknown-namespace', () => {
  test('warns about a namespace no object lives in, with istioctl\'s code', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { namespaces: ['shp', 'shop'], notNamespaces: ['dev-*'] } }] }]);
    const ds = run(authorizationPolicyUnknownNamespace, [backend, ap]);
    expect(ds.map((d) => d.path)).toEqual(['spec.rules[0].from[0].source.namespaces[0]', 'spec.rules[0].from[0].source.notNamespaces[0]']);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-unknown-namespace', severity: Severity.WARNING, istioCode: 'IST0101' });
    expect(ds[0].message).toContain('"shp" matches no namespace of the analysed manifests (shop)');
    expect(ds[0].fix).toBe('Did you mean "shop"?');
    expect(ds[1].message).toContain('"dev-*"');
  });

  test('matches wildcards and Namespace objects; quiet without workloads', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { namespaces: ['sh*', '*', 'monitoring'] } }] }]);
    expect(run(authorizationPolicyUnknownNamespace, [backend, namespaceObject('monitoring'), ap])).toEqual([]);
    expect(run(authorizationPolicyUnknownNamespace, [policy('ALLOW', [{ from: [{ source: { namespaces: ['nope'] } }] }])])).toEqual([]);
  });
});
