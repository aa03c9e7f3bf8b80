import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AuthorizationPolicy, Mesh, MeshService, Principal, RequestAuthentication, RequestPrincipal, WorkloadSelector,
} from '../../src';
import { shopChart, only, problems, synthValid } from '../fixtures/app';

const ISSUER = 'https://auth.example.com';
const JWKS_URI = 'https://auth.example.com/.well-known/jwks.json';
const JWKS = JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', e: 'AQAB', n: 'xjlCRBqkQxX1m8yr8ZuoiiH0zkLc' }] });

function requestAuth(chart: Chart): any {
  return only(synthValid(chart), 'RequestAuthentication');
}

function frontendJwt(chart: Chart): RequestAuthentication {
  const frontend = new MeshService(chart, 'frontend', { port: 8080 });
  return new RequestAuthentication(chart, 'frontend-jwt', {
    selector: WorkloadSelector.fromMeshService(frontend),
    jwtRules: [{ issuer: ISSUER, jwksUri: JWKS_URI }],
  });
}

describe('RequestAuthentication', () => {
  test('writes a JWT rule for the selected workloads', () => {
    const chart = shopChart();
    frontendJwt(chart);
    const ra = requestAuth(chart);
    expect(ra.metadata).toEqual({ name: 'frontend-jwt', namespace: 'shop' });
    expect(ra.spec).toEqual({ selector: { matchLabels: { app: 'frontend' } }, jwtRules: [{ issuer: ISSUER, jwksUri: JWKS_URI }] });
  });

  test('writes every field of a JWT rule', () => {
    const chart = shopChart();
    new RequestAuthentication(chart, 'ra', {
      jwtRules: [{
        issuer: ISSUER,
        audiences: ['shop', 'admin'],
        jwks: JWKS,
        fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }, { name: 'x-jwt' }],
        fromParams: ['token'],
        fromCookies: ['session'],
        outputPayloadToHeader: 'x-jwt-payload',
        forwardOriginalToken: true,
        outputClaimToHeaders: [{ header: 'x-user', claim: 'sub' }],
        spaceDelimitedClaims: ['scope'],
        timeout: Duration.millis(1500),
      }],
    });
    expect(requestAuth(chart).spec.jwtRules).toEqual([{
      issuer: ISSUER,
      audiences: ['shop', 'admin'],
      jwks: JWKS,
      fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }, { name: 'x-jwt' }],
      fromParams: ['token'],
      fromCookies: ['session'],
      outputPayloadToHeader: 'x-jwt-payload',
      forwardOriginalToken: true,
      outputClaimToHeaders: [{ header: 'x-user', claim: 'sub' }],
      spaceDelimitedClaims: ['scope'],
      timeout: '1500ms',
    }]);
  });

  test('addJwtRule after construction is reflected in the manifest', () => {
    const chart = shopChart();
    const ra = new RequestAuthentication(chart, 'ra');
    ra.addJwtRule({ issuer: ISSUER });
    ra.addJwtRule({ issuer: 'https://other.example.com', timeout: Duration.seconds(3) });
    expect(requestAuth(chart).spec.jwtRules).toEqual([{ issuer: ISSUER }, { issuer: 'https://other.example.com', timeout: '3s' }]);
    expect(ra.issuers).toEqual([ISSUER, 'https://other.example.com']);
  });

  test('targetRefs attach it to a Gateway', () => {
    const chart = shopChart();
    new RequestAuthentication(chart, 'ra', { targetRefs: [{ kind: 'Gateway', name: 'ingress' }], jwtRules: [{ issuer: ISSUER }] });
    expect(requestAuth(chart).spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress' }]);
  });

  test('jwksUri and jwks together are refused', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, jwksUri: JWKS_URI, jwks: JWKS }] }))
      .toThrow(/shop\/ra: jwtRules\[0\]: set either jwksUri or jwks, not both/);
  });

  test('a jwksUri that is not http(s) is refused', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, jwksUri: 'auth.example.com/jwks' }] }))
      .toThrow(/jwtRules\[0\]\.jwksUri 'auth.example.com\/jwks' is not an http:\/\/ or https:\/\/ URL/);
  });

  test('inline jwks that is not JSON is refused', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, jwks: 'not json' }] })).toThrow(/jwtRules\[0\]\.jwks is not a JSON Web Key Set/);
  });

  test('an inline key set without keys is refused', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, jwks: '{"keys":[]}' }] })).toThrow(/with at least one key/);
  });

  test('a single inline key is accepted', () => {
    const chart = shopChart();
    const key = JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' });
    new RequestAuthentication(chart, 'ra', { jwtRules: [{ issuer: ISSUER, jwks: key }] });
    expect(requestAuth(chart).spec.jwtRules[0].jwks).toBe(key);
  });

  test('a rule without issuer is refused', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: '' }] })).toThrow(/jwtRules\[0\]\.issuer is ""/);
  });

  test('a second rule for the same issuer is refused', () => {
    const ra = new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER }] });
    expect(() => ra.addJwtRule({ issuer: ISSUER })).toThrow(/issuer 'https:\/\/auth.example.com' already has a rule/);
  });

  test('a claim header with characters Istio refuses is refused', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, outputClaimToHeaders: [{ header: 'x user', claim: 'sub' }] }] }))
      .toThrow(/outputClaimToHeaders\[0\]\.header is "x user"/);
  });

  test('a timeout under 1 ms is refused', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, timeout: Duration.millis(0) }] })).toThrow(/jwtRules\[0\]\.timeout is 0 ms/);
  });
});

describe('RequestAuthentication.requireJwt', () => {
  test('creates an ALLOW policy for the same workloads requiring any valid token', () => {
    const chart = shopChart();
    const policy = frontendJwt(chart).requireJwt();
    expect(policy).toBeInstanceOf(AuthorizationPolicy);
    const p = only(synthValid(chart), 'AuthorizationPolicy');
    expect(p.metadata).toEqual({ name: 'frontend-jwt-require-jwt', namespace: 'shop' });
    expect(p.spec).toEqual({
      selector: { matchLabels: { app: 'frontend' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }],
    });
  });

  test('restricts paths, methods, hosts, token holders and peers when given', () => {
    const chart = shopChart();
    frontendJwt(chart).requireJwt({
      name: 'frontend-app',
      paths: ['/app/*'],
      methods: ['GET', 'POST'],
      hosts: ['shop.example.com'],
      requestPrincipals: [RequestPrincipal.fromIssuer(ISSUER)],
      from: [Principal.fromName('istio-system', 'istio-ingressgateway-service-account')],
    });
    const p = only(synthValid(chart), 'AuthorizationPolicy', 'frontend-app');
    expect(p.spec.rules).toEqual([{
      from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'], requestPrincipals: [`${ISSUER}/*`] } }],
      to: [{ operation: { hosts: ['shop.example.com'], methods: ['GET', 'POST'], paths: ['/app/*'] } }],
    }]);
  });

  test('can be called twice, giving distinct policies', () => {
    const chart = shopChart();
    const ra = frontendJwt(chart);
    ra.requireJwt({ paths: ['/a/*'] });
    ra.requireJwt({ paths: ['/b/*'] });
    expect(synthValid(chart).filter((m) => m.kind === 'AuthorizationPolicy').map((m) => m.metadata.name)).toEqual(['frontend-jwt-require-jwt', 'frontend-jwt-require-jwt-2']);
  });

  test('an empty list of token holders is refused, since it would not require a token', () => {
    expect(() => frontendJwt(shopChart()).requireJwt({ requestPrincipals: [] })).toThrow(/requireJwt\(\): requestPrincipals is empty/);
  });
});

describe('RequestAuthentication: values Envoy and the API server refuse', () => {
  test('an outputPayloadToHeader with a line feed is refused, naming the rule field', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, jwks: JWKS, outputPayloadToHeader: 'x-jwt\nx-evil' }] }))
      .toThrow(/jwtRules\[0\]\.outputPayloadToHeader is "x-jwt\\nx-evil": it contains a line feed/);
  });

  test('a JWT timeout longer than a Go duration can hold is refused with the construct path and field', () => {
    expect(() => new RequestAuthentication(shopChart(), 'ra', { jwtRules: [{ issuer: ISSUER, jwks: JWKS, timeout: Duration.days(200_000) }] }))
      .toThrow(/shop\/ra: jwtRules\[0\]\.timeout is 17280000000000 ms, longer than a Go duration can hold/);
  });
});

describe('RequestAuthentication.requireJwt next to other ALLOW policies', () => {
  test('warns at synth when another ALLOW policy lets the same pods be called without a token', () => {
    const app = Testing.app();
    const mesh = new Mesh(app, 'mesh');
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const frontend = new MeshService(chart, 'frontend', { port: 8080 });
    const gatewaySa = new kplus.ServiceAccount(chart, 'gateway-sa', { metadata: { name: 'gateway' } });
    const jwt = new RequestAuthentication(chart, 'frontend-jwt', {
      selector: WorkloadSelector.fromMeshService(frontend),
      jwtRules: [{ issuer: ISSUER, jwksUri: JWKS_URI }],
    });
    jwt.requireJwt({ paths: ['/app/*'] });
    AuthorizationPolicy.allowCallers(chart, 'from-gateway', { to: frontend, from: [Principal.fromServiceAccount(gatewaySa)] });
    expect(problems(mesh).filter((p) => p.startsWith('authorizationpolicy-jwt-bypassed'))).toEqual([
      expect.stringContaining('requires a JWT on the workloads labelled app=frontend in namespace shop, but the ALLOW policy shop/from-gateway applies to them too'),
    ]);
  });

  test('says nothing when the token requirement covers every caller', () => {
    const app = Testing.app();
    const mesh = new Mesh(app, 'mesh');
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const gatewaySa = new kplus.ServiceAccount(chart, 'gateway-sa', { metadata: { name: 'gateway' } });
    frontendJwt(chart).requireJwt({ from: [Principal.fromServiceAccount(gatewaySa)] });
    expect(problems(mesh).filter((p) => p.startsWith('authorizationpolicy-jwt-bypassed'))).toEqual([]);
  });
});
