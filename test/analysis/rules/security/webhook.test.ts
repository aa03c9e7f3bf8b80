import { authorizationPolicy, peerAuthentication, requestAuthentication, run } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicyDenyHttpOnly } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-deny-http-only';
import { authorizationPolicyInvalidAction } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-action';
import { authorizationPolicyInvalidCondition } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-condition';
import { authorizationPolicyInvalidIp } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-ip';
import { authorizationPolicyInvalidPathTemplate } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-path-template';
import { authorizationPolicyInvalidPort } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-port';
import { authorizationPolicyInvalidRule } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-rule';
import { pathTemplateProblem } from '../../../../src/analysis/validation/authorizationpolicy';
import { peerAuthenticationInvalidPortLevelMtls } from '../../../../src/analysis/rules/peerauthentication/peerauthentication-invalid-port-level-mtls';
import { jwksProblem } from '../../../../src/analysis/validation/requestauthentication';
import { requestAuthenticationInvalidJwtRule } from '../../../../src/analysis/rules/requestauthentication/requestauthentication-invalid-jwt-rule';
import { securityEmptyWorkloadSelector } from '../../../../src/analysis/rules/security/security-empty-workload-selector';
import { securityInvalidTargetRef } from '../../../../src/analysis/rules/security/security-invalid-target-ref';
import { securityInvalidWorkloadSelector } from '../../../../src/analysis/rules/security/security-invalid-workload-selector';
import { cidrProblem, ipOrCidrProblem, isIpAddress } from '../../../../src/analysis/validators/ip';

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });
const from = (source: any) => ({ from: [{ source }] });
const to = (operation: any) => ({ to: [{ operation }] });

describe('security-invalid-workload-selector', () => {
  test('rejects a wildcard in a selector label, naming the label and the fix', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api-*' } }, mtls: { mode: 'STRICT' } });
    const ds = run(securityInvalidWorkloadSelector, [pa]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'security-invalid-workload-selector',
      severity: Severity.ERROR,
      istioCode: 'IST0106',
      path: 'spec.selector.matchLabels.app',
      resource: { kind: 'PeerAuthentication', name: 'api', namespace: 'shop' },
    });
    expect(ds[0].message).toContain('"app=api-*"');
    expect(ds[0].fix).toContain('exact label');
  });

  test('rejects an empty label key on any of the three kinds', () => {
    const ra = requestAuthentication('jwt', 'shop', { selector: { matchLabels: { '': 'x' } } });
    const ds = run(securityInvalidWorkloadSelector, [ra]);
    expect(ds).toHaveLength(1);
    expect(ds[0].path).toBe('spec.selector.matchLabels[""]');
    expect(ds[0].message).toContain('empty key');
  });

  test('accepts exact labels', () => {
    expect(run(securityInvalidWorkloadSelector, [allow([{}])])).toEqual([]);
  });
});

describe('security-empty-workload-selector', () => {
  test('warns like Istio about a selector without labels', () => {
    const ap = authorizationPolicy('all', 'shop', { selector: {}, rules: [{}] });
    const ds = run(securityEmptyWorkloadSelector, [ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'security-empty-workload-selector', severity: Severity.WARNING, istioCode: 'IST0133', path: 'spec.selector' });
    expect(ds[0].message).toContain('every workload of namespace shop');
    expect(ds[0].fix).toContain('selector.matchLabels');
  });

  test('says nothing without selector or with labels', () => {
    expect(run(securityEmptyWorkloadSelector, [authorizationPolicy('all', 'shop', { rules: [{}] }), allow([{}])])).toEqual([]);
  });
});

describe('security-invalid-target-ref', () => {
  test('rejects selector together with targetRefs', () => {
    const ap = allow([{}], { targetRefs: [{ kind: 'Service', group: '', name: 'api' }] });
    const ds = run(securityInvalidTargetRef, [ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'security-invalid-target-ref', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.targetRefs' });
    expect(ds[0].message).toContain('selector and targetRefs');
  });

  test('rejects a cross-namespace target and an unsupported kind', () => {
    const ap = authorizationPolicy('api', 'shop', { targetRefs: [{ kind: 'Deployment', group: 'apps', name: 'api', namespace: 'other' }] });
    const ds = run(securityInvalidTargetRef, [ap]);
    expect(ds.map((d) => d.path)).toEqual(['spec.targetRefs[0].namespace', 'spec.targetRefs[0].kind']);
    expect(ds[0].message).toContain('"other"');
    expect(ds[1].message).toContain('apps/Deployment');
    expect(ds[1].fix).toContain('Service');
  });

  test('suggests the group when the kind is right', () => {
    const ra = requestAuthentication('jwt', 'shop', { targetRef: { kind: 'Gateway', group: 'networking.istio.io', name: 'gw' } });
    const ds = run(securityInvalidTargetRef, [ra]);
    expect(ds[0].fix).toContain('gateway.networking.k8s.io');
  });

  test('accepts a Service or Gateway target', () => {
    const ok = authorizationPolicy('api', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'api' }, { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }] });
    expect(run(securityInvalidTargetRef, [ok])).toEqual([]);
  });
});

describe('peerauthentication-invalid-port-level-mtls', () => {
  test('rejects port-level mTLS on a namespace-wide policy', () => {
    const pa = peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } });
    const ds = run(peerAuthenticationInvalidPortLevelMtls, [pa]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'peerauthentication-invalid-port-level-mtls', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.portLevelMtls' });
    expect(ds[0].message).toContain('ports 8080');
    expect(ds[0].message).toContain('namespace-wide');
    expect(ds[0].fix).toContain('selector.matchLabels');
  });

  test('rejects port keys outside 1..65535', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 0: { mode: 'DISABLE' }, 70000: { mode: 'DISABLE' }, http: { mode: 'DISABLE' } } });
    const ds = run(peerAuthenticationInvalidPortLevelMtls, [pa]);
    expect(ds.map((d) => d.path)).toEqual(['spec.portLevelMtls["0"]', 'spec.portLevelMtls["70000"]', 'spec.portLevelMtls.http']);
    expect(ds[2].message).toContain('"http"');
  });

  test('accepts port-level modes on a workload policy', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 8080: { mode: 'DISABLE' } } });
    expect(run(peerAuthenticationInvalidPortLevelMtls, [pa])).toEqual([]);
  });
});

describe('authorizationpolicy-invalid-action', () => {
  test('DENY without rules is rejected', () => {
    const ap = authorizationPolicy('deny', 'shop', { action: 'DENY' });
    const ds = run(authorizationPolicyInvalidAction, [ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-action', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.action' });
    expect(ds[0].message).toContain('DENY policy without rules');
    expect(ds[0].fix).toContain('rules: [{}]');
  });

  test('CUSTOM needs a provider and cannot match identities; provider needs CUSTOM', () => {
    const custom = authorizationPolicy('ext', 'shop', {
      action: 'CUSTOM',
      rules: [{ ...from({ principals: ['cluster.local/ns/shop/sa/web'] }), when: [{ key: 'request.auth.claims[iss]', values: ['x'] }] }],
    });
    const provider = authorizationPolicy('p', 'shop', { action: 'ALLOW', provider: { name: 'ext' }, rules: [{}] });
    const ds = run(authorizationPolicyInvalidAction, [custom, provider]);
    expect(ds.map((d) => d.path)).toEqual(['spec.action', 'spec.rules[0].from[0].source.principals', 'spec.rules[0].when[0].key', 'spec.provider']);
    expect(ds[0].message).toContain('provider.name');
    expect(ds[1].message).toContain('from.source.principals');
    expect(ds[2].message).toContain('"request.auth.claims[iss]"');
    expect(ds[3].message).toContain('ALLOW policy');
  });

  test('accepts DENY with rules and CUSTOM with provider', () => {
    const deny = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [to({ paths: ['/admin'], ports: ['8080'] })] });
    const custom = authorizationPolicy('ext', 'shop', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [to({ paths: ['/x'] })] });
    expect(run(authorizationPolicyInvalidAction, [deny, custom])).toEqual([]);
  });
});

describe('authorizationpolicy-invalid-rule', () => {
  test('rejects empty from, empty source and empty values', () => {
    const ap = allow([{ from: [] }, { from: [{ source: {} }] }, from({ principals: ['cluster.local/ns/shop/sa/web', ''] })]);
    const ds = run(authorizationPolicyInvalidRule, [ap]);
    expect(ds.map((d) => d.path)).toEqual(['spec.rules[0].from', 'spec.rules[1].from[0].source', 'spec.rules[2].from[0].source.principals[1]']);
    expect(ds.every((d) => d.ruleId === 'authorizationpolicy-invalid-rule' && d.severity === Severity.ERROR && d.istioCode === 'IST0106')).toBe(true);
    expect(ds[0].message).toContain('`from: []`');
    expect(ds[1].fix).toContain('principals');
    expect(ds[2].message).toContain('principals[1] is an empty string');
  });

  test('rejects to without operation, and conditions without key or values', () => {
    const ap = allow([{ to: [{}] }, { when: [{ key: 'source.ip' }, { values: ['x'] }] }]);
    const ds = run(authorizationPolicyInvalidRule, [ap]);
    expect(ds.map((d) => d.path)).toEqual(['spec.rules[0].to[0]', 'spec.rules[1].when[0]', 'spec.rules[1].when[1].key']);
    expect(ds[1].message).toContain('"source.ip" has neither values nor notValues');
  });

  test('rejects serviceAccounts mixed with principals, and malformed service accounts', () => {
    const ap = allow([from({ serviceAccounts: ['shop/web'], namespaces: ['shop'] }), from({ serviceAccounts: ['a/b/c'] }), from({ notServiceAccounts: ['web-*'] })]);
    const ds = run(authorizationPolicyInvalidRule, [ap]);
    expect(ds.map((d) => d.path)).toEqual([
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
    expect(run(authorizationPolicyInvalidRule, [ap])).toEqual([]);
  });
});

describe('authorizationpolicy-invalid-condition', () => {
  test('rejects an unknown key with a suggestion', () => {
    const ap = allow([{ when: [{ key: 'source.principals', values: ['x'] }] }]);
    const ds = run(authorizationPolicyInvalidCondition, [ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-condition', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.rules[0].when[0].key' });
    expect(ds[0].message).toContain('"source.principals"');
    expect(ds[0].fix).toContain('Did you mean "source.principal"?');
  });

  test('rejects replaced keys and a map key without a name', () => {
    const ap = allow([{
      when: [
        { key: 'destination.labels[app]', values: ['x'] },
        { key: 'destination.namespace', values: ['x'] },
        { key: 'request.headers', values: ['x'] },
        { key: 'request.headers[]', values: ['x'] },
        { key: 'Request.Headers[x-user]', values: ['x'] },
      ],
    }]);
    const ds = run(authorizationPolicyInvalidCondition, [ap]);
    expect(ds.map((d) => d.path)).toEqual([0, 1, 2, 3, 4].map((j) => `spec.rules[0].when[${j}].key`));
    expect(ds[0].fix).toContain('spec.selector.matchLabels');
    expect(ds[1].message).toContain('metadata.namespace');
    expect(ds[2].message).toContain('request.headers[<name>]');
    expect(ds[4].fix).toContain('"request.headers[x-user]"');
  });

  test('rejects a malformed source.serviceAccount value', () => {
    const ap = allow([{ when: [{ key: 'source.serviceAccount', values: ['shop/sa/web'] }] }]);
    const ds = run(authorizationPolicyInvalidCondition, [ap]);
    expect(ds[0].path).toBe('spec.rules[0].when[0].values[0]');
    expect(ds[0].message).toContain('"shop/sa/web"');
  });

  test('accepts every supported key', () => {
    const keys = ['source.ip', 'remote.ip', 'source.namespace', 'source.serviceAccount', 'source.principal', 'request.auth.principal',
      'request.auth.audiences', 'request.auth.presenter', 'request.auth.claims[groups]', 'request.headers[x-a]',
      'destination.ip', 'destination.port', 'connection.sni', 'experimental.envoy.filters.a.b[c]'];
    const ap = allow([{ when: keys.map((key) => ({ key, values: ['1'] })) }]);
    expect(run(authorizationPolicyInvalidCondition, [ap])).toEqual([]);
  });
});

describe('authorizationpolicy-invalid-ip', () => {
  test('rejects bad IPs and CIDRs in ipBlocks and conditions', () => {
    const ap = allow([from({ ipBlocks: ['10.0.0.0/33', '10.0.0.256', '10.0.0.0/8'], notRemoteIpBlocks: ['2001:db8::/129'] }), { when: [{ key: 'destination.ip', values: ['localhost'] }] }]);
    const ds = run(authorizationPolicyInvalidIp, [ap]);
    expect(ds.map((d) => d.path)).toEqual([
      'spec.rules[0].from[0].source.ipBlocks[0]',
      'spec.rules[0].from[0].source.ipBlocks[1]',
      'spec.rules[0].from[0].source.notRemoteIpBlocks[0]',
      'spec.rules[1].when[0].values[0]',
    ]);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-ip', severity: Severity.ERROR, istioCode: 'IST0106' });
    expect(ds[0].message).toContain('"10.0.0.0/33"');
    expect(ds[0].message).toContain('larger than 32');
    expect(ds[3].message).toContain('"localhost"');
    expect(ds[0].fix).toContain('10.0.0.0/16');
  });

  test('accepts IPv4, IPv6 and CIDRs', () => {
    const ap = allow([from({ ipBlocks: ['10.1.2.3', '10.0.0.0/8', '2001:db8::1', '::ffff:10.0.0.1', 'fe80::1%eth0', '2001:db8::/32'] })]);
    expect(run(authorizationPolicyInvalidIp, [ap])).toEqual([]);
  });

  test('parses like Go netip', () => {
    expect(isIpAddress('010.0.0.1')).toBe(false);
    expect(isIpAddress('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpAddress('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIpAddress('1::2::3')).toBe(false);
    expect(cidrProblem('fe80::1%eth0/64')).toContain('zone');
    expect(cidrProblem('10.0.0.0/08')).toContain('leading zeros');
    expect(ipOrCidrProblem('::/0')).toBeUndefined();
  });
});

describe('authorizationpolicy-invalid-port', () => {
  test('rejects names, ranges and out-of-range ports', () => {
    const ap = allow([to({ ports: ['http', '8000-9000', '70000', '0', '8080'] }), { when: [{ key: 'destination.port', values: ['-1'] }] }]);
    const ds = run(authorizationPolicyInvalidPort, [ap]);
    expect(ds.map((d) => d.path)).toEqual([0, 1, 2, 3].map((k) => `spec.rules[0].to[0].operation.ports[${k}]`).concat(['spec.rules[1].when[0].values[0]']));
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-port', severity: Severity.ERROR, istioCode: 'IST0106' });
    expect(ds[0].message).toContain('"http" is not a port number');
    expect(ds[2].message).toContain('"70000" is outside 1..65535');
    expect(ds[3].message).toContain('never matches');
    expect(ds[0].fix).toContain('"8080"');
  });
});

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

  test('follows Istio on edge cases', () => {
    expect(pathTemplateProblem('/{**}')).toBeUndefined();
    expect(pathTemplateProblem('/a/{*}/{*}')).toBeUndefined();
    expect(pathTemplateProblem('/a/{**}/{*}')).toContain('last');
    expect(pathTemplateProblem('/plain/*')).toBeUndefined();
    // Istio only rejects another operator after {**}; a literal segment after it passes its check.
    expect(pathTemplateProblem('/files/{**}/raw')).toBeUndefined();
  });
});

describe('authorizationpolicy-deny-http-only', () => {
  test('warns when a DENY rule has only HTTP attributes', () => {
    const ap = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [to({ methods: ['DELETE'] }), from({ requestPrincipals: ['*'] })] });
    const ds = run(authorizationPolicyDenyHttpOnly, [ap]);
    expect(ds.map((d) => d.path)).toEqual(['spec.rules[0]', 'spec.rules[1]']);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-deny-http-only', severity: Severity.WARNING, istioCode: 'IST0133' });
    expect(ds[0].message).toContain('denies all TCP traffic');
    expect(ds[1].message).toContain('request principal');
    expect(ds[0].fix).toContain('ports');
  });

  test('accepts a DENY rule limited to ports, or matching peers, and any ALLOW rule', () => {
    const deny = authorizationPolicy('deny', 'shop', { action: 'DENY', rules: [to({ methods: ['DELETE'], ports: ['8080'] }), from({ namespaces: ['test'] })] });
    const allowRule = allow([to({ methods: ['GET'] })]);
    expect(run(authorizationPolicyDenyHttpOnly, [deny, allowRule])).toEqual([]);
  });
});

describe('requestauthentication-invalid-jwt-rule', () => {
  test('rejects a rule without issuer or jwksUri', () => {
    const ra = requestAuthentication('jwt', 'shop', { jwtRules: [{ audiences: ['api'] }] });
    const ds = run(requestAuthenticationInvalidJwtRule, [ra]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'requestauthentication-invalid-jwt-rule', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.jwtRules[0]' });
    expect(ds[0].message).toContain('neither an issuer nor a jwksUri');
    expect(ds[0].fix).toContain('issuer');
  });

  test('rejects a jwksUri that is not http(s), inline jwks that is not a key set, and bad header names', () => {
    const ra = requestAuthentication('jwt', 'shop', {
      jwtRules: [
        { issuer: 'https://issuer.example', jwksUri: 'ftp://issuer.example/keys' },
        { issuer: 'b', jwks: '{"keys": [{"e": "AQAB"}]}' },
        { issuer: 'c', jwks: 'not json', fromHeaders: [{ name: 'Authorization: Bearer' }] },
      ],
    });
    const ds = run(requestAuthenticationInvalidJwtRule, [ra]);
    expect(ds.map((d) => d.path)).toEqual(['spec.jwtRules[0].jwksUri', 'spec.jwtRules[1].jwks', 'spec.jwtRules[2].jwks', 'spec.jwtRules[2].fromHeaders[0].name']);
    expect(ds[0].message).toContain('"ftp://issuer.example/keys"');
    expect(ds[0].message).toContain('"ftp"');
    expect(ds[1].message).toContain('kty');
    expect(ds[2].message).toContain('not valid JSON');
    expect(ds[3].message).toContain('"Authorization: Bearer"');
    expect(ds[3].fix).toContain('drop the ":"');
  });

  test('accepts issuer with jwksUri or inline jwks', () => {
    const ra = requestAuthentication('jwt', 'shop', {
      jwtRules: [
        { issuer: 'https://issuer.example', jwksUri: 'https://issuer.example/.well-known/jwks.json', fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }] },
        { jwksUri: 'http://keys.auth.svc.cluster.local:8080/jwks' },
        { issuer: 'x', jwks: '{"keys":[{"kty":"RSA","e":"AQAB","n":"abc"}]}' },
      ],
    });
    expect(run(requestAuthenticationInvalidJwtRule, [ra])).toEqual([]);
    expect(jwksProblem('{"kty":"EC"}')).toBeUndefined();
  });
});
