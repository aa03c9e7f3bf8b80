import { authorizationPolicy, peerAuthentication, requestAuthentication, run, runWith, service, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { peerAuthenticationConflictingPolicies } from '../../../../src/analysis/rules/peerauthentication/peerauthentication-conflicting-policies';
import { peerAuthenticationPortNotFound } from '../../../../src/analysis/rules/peerauthentication/peerauthentication-port-not-found';
import { authorizationPolicySelectorNoWorkloads } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-selector-no-workloads';
import { peerAuthenticationRootNamespaceSelector } from '../../../../src/analysis/rules/peerauthentication/peerauthentication-root-namespace-selector';
import { peerAuthenticationSelectorNoWorkloads } from '../../../../src/analysis/rules/peerauthentication/peerauthentication-selector-no-workloads';
import { requestAuthenticationSelectorNoWorkloads } from '../../../../src/analysis/rules/requestauthentication/requestauthentication-selector-no-workloads';

const api = workload('api', 'shop', { app: 'api', version: 'v1' }, { ports: [{ containerPort: 8080 }] });
const web = workload('web', 'shop', { app: 'web' });

describe('authorizationpolicy-selector-no-workloads', () => {
  test('warns when the selector matches no pod of the namespace, listing the values present', () => {
    const ap = authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api-server' } }, rules: [{}] });
    const ds = run(authorizationPolicySelectorNoWorkloads, [api, web, ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-selector-no-workloads', severity: Severity.WARNING, istioCode: 'IST0127', path: 'spec.selector.matchLabels' });
    expect(ds[0].message).toContain('Selector app=api-server matches no workload of the app in namespace shop, so this AuthorizationPolicy protects nothing');
    expect(ds[0].message).toContain('"app" is "api", "web"');
    expect(ds[0].fix).toContain('pod template');
  });

  test('a selector in the root namespace searches every namespace', () => {
    const ap = authorizationPolicy('api', 'istio-system', { selector: { matchLabels: { app: 'api' } }, rules: [{}] });
    expect(run(authorizationPolicySelectorNoWorkloads, [api, ap])).toEqual([]);
    const missing = authorizationPolicy('x', 'mesh', { selector: { matchLabels: { app: 'x' } }, rules: [{}] });
    const ds = runWith(authorizationPolicySelectorNoWorkloads, [api, missing], { rootNamespace: 'mesh' });
    expect(ds[0].message).toContain('any namespace');
  });

  test('says nothing when the namespace has no workloads in the app, or the selector matches', () => {
    const elsewhere = authorizationPolicy('api', 'billing', { selector: { matchLabels: { app: 'api' } }, rules: [{}] });
    const ok = authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api', version: 'v1' } }, rules: [{}] });
    expect(run(authorizationPolicySelectorNoWorkloads, [api, elsewhere, ok])).toEqual([]);
  });
});

describe('peerauthentication- and requestauthentication-selector-no-workloads', () => {
  test('report the same for the other two kinds, without an istioctl code', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api', track: 'canary' } }, mtls: { mode: 'STRICT' } });
    const ra = requestAuthentication('jwt', 'shop', { selector: { matchLabels: { tier: 'edge' } }, jwtRules: [{ issuer: 'x' }] });
    const dp = run(peerAuthenticationSelectorNoWorkloads, [api, pa]);
    expect(dp).toHaveLength(1);
    expect(dp[0]).toMatchObject({ ruleId: 'peerauthentication-selector-no-workloads', severity: Severity.WARNING, path: 'spec.selector.matchLabels' });
    expect(dp[0].istioCode).toBeUndefined();
    expect(dp[0].message).toContain('app=api, track=canary');
    expect(dp[0].message).toContain('no pod has a "track" label');
    const dr = run(requestAuthenticationSelectorNoWorkloads, [api, ra]);
    expect(dr[0]).toMatchObject({ ruleId: 'requestauthentication-selector-no-workloads' });
    expect(dr[0].message).toContain('no workload validates these JWTs');
  });

  test('accept matching selectors', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } });
    expect(run(peerAuthenticationSelectorNoWorkloads, [api, pa])).toEqual([]);
  });
});

describe('peerauthentication-root-namespace-selector', () => {
  test('warns that Istio ignores a selector PeerAuthentication in the root namespace', () => {
    const pa = peerAuthentication('api', 'istio-system', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } });
    const ds = run(peerAuthenticationRootNamespaceSelector, [pa]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'peerauthentication-root-namespace-selector', severity: Severity.WARNING, path: 'spec.selector' });
    expect(ds[0].message).toContain('selector app=api');
    expect(ds[0].message).toContain('no effect');
    expect(ds[0].fix).toContain('namespace of the workloads');
  });

  test('accepts the mesh-wide policy and workload policies elsewhere', () => {
    expect(run(peerAuthenticationRootNamespaceSelector, [
      peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
    ])).toEqual([]);
  });
});

describe('peerauthentication-conflicting-policies', () => {
  test('warns about two namespace-wide policies and two policies selecting one workload', () => {
    const objects = [
      api,
      peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('permissive', 'shop', { mtls: { mode: 'PERMISSIVE' } }),
      peerAuthentication('api-a', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
      peerAuthentication('api-b', 'shop', { selector: { matchLabels: { version: 'v1' } }, mtls: { mode: 'DISABLE' } }),
    ];
    const ds = run(peerAuthenticationConflictingPolicies, objects);
    expect(ds.map((d) => [d.resource.name, d.path])).toEqual([['permissive', ''], ['api-b', 'spec.selector']]);
    expect(ds[0]).toMatchObject({ ruleId: 'peerauthentication-conflicting-policies', severity: Severity.WARNING });
    expect(ds[0].message).toContain('namespace-wide in shop like PeerAuthentication shop/default');
    expect(ds[1].message).toContain('Deployment shop/api is selected both by PeerAuthentication shop/api-a');
    expect(ds[1].fix).toContain('one workload PeerAuthentication per workload');
  });

  test('accepts one policy per scope', () => {
    expect(run(peerAuthenticationConflictingPolicies, [
      api, web,
      peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
      peerAuthentication('web', 'shop', { selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'STRICT' } }),
    ])).toEqual([]);
  });
});

describe('peerauthentication-port-not-found', () => {
  test('warns about a port-level mode for a port the workload does not declare, spotting a Service port', () => {
    const svc = service('api', 'shop', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 8080 }]);
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 80: { mode: 'DISABLE' } } });
    const ds = run(peerAuthenticationPortNotFound, [api, svc, pa]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'peerauthentication-port-not-found', severity: Severity.WARNING, path: 'spec.portLevelMtls["80"]' });
    expect(ds[0].message).toContain('port 80');
    expect(ds[0].message).toContain('declare only container ports 8080');
    expect(ds[0].message).toContain('Service shop/api, whose targetPort is 8080');
    expect(ds[0].fix).toContain('(8080)');
  });

  test('accepts declared ports and does not judge pods without declared ports', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 8080: { mode: 'DISABLE' } } });
    const webPa = peerAuthentication('web', 'shop', { selector: { matchLabels: { app: 'web' } }, portLevelMtls: { 1234: { mode: 'DISABLE' } } });
    expect(run(peerAuthenticationPortNotFound, [api, web, pa, webPa])).toEqual([]);
  });
});
