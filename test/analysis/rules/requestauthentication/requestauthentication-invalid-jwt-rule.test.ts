import { Severity } from '../../../../src/analysis/diagnostic';
import { requestAuthentication } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const requestAuthenticationInvalidJwtRule = ruleById('requestauthentication-invalid-jwt-rule');

describe('requestauthentication-invalid-jwt-rule', () => {
  test('rejects a rule without issuer or jwksUri', () => {
    const ra = requestAuthentication('jwt', 'shop', { jwtRules: [{ audiences: ['api'] }] });
    const d = one(requestAuthenticationInvalidJwtRule, [ra], { path: 'spec.jwtRules[0]', severity: Severity.ERROR });
    expect(d.message).toContain('neither an issuer nor a jwksUri');
    expect(d.fix).toContain('issuer');
  });

  test('rejects a jwksUri that is not http(s) and inline jwks that is not a key set', () => {
    const ra = requestAuthentication('jwt', 'shop', {
      jwtRules: [
        { issuer: 'https://issuer.example', jwksUri: 'ftp://issuer.example/keys' },
        { issuer: 'b', jwks: '{"keys": [{"e": "AQAB"}]}' },
        { issuer: 'c', jwks: 'not json' },
      ],
    });
    const ds = many(requestAuthenticationInvalidJwtRule, [ra], ['spec.jwtRules[0].jwksUri', 'spec.jwtRules[1].jwks', 'spec.jwtRules[2].jwks']);
    expect(ds[0].message).toContain('"ftp://issuer.example/keys"');
    expect(ds[0].message).toContain('"ftp"');
    expect(ds[1].message).toContain('kty');
    expect(ds[2].message).toContain('not valid JSON');
  });

  // Istio accepts any header name there; the token is just never found.
  test('reports a line break in a fromHeaders name as an error (Envoy refuses the JWT filter)', () => {
    const ra = requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'c', jwksUri: 'https://c.example/jwks', fromHeaders: [{ name: 'x-jwt\nx-other' }] }] });
    const d = one(requestAuthenticationInvalidJwtRule, [ra], { path: 'spec.jwtRules[0].fromHeaders[0].name', severity: Severity.ERROR });
    expect(d.message).toContain('line feed');
  });

  test('warns on a fromHeaders name that is not an HTTP header name', () => {
    const ra = requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'c', jwksUri: 'https://c.example/jwks', fromHeaders: [{ name: 'Authorization: Bearer' }] }] });
    const d = one(requestAuthenticationInvalidJwtRule, [ra], { path: 'spec.jwtRules[0].fromHeaders[0].name', severity: Severity.WARNING });
    expect(d.message).toContain('"Authorization: Bearer"');
    expect(d.fix).toContain('drop the ":"');
  });

  test.each(['issuer.example/keys', 'https://issuer.example:port/keys', 'http://bad host/keys'])('rejects jwksUri %j, which the webhook cannot parse', (uri) => {
    const ra = requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'x', jwksUri: uri }] });
    one(requestAuthenticationInvalidJwtRule, [ra], { path: 'spec.jwtRules[0].jwksUri', severity: Severity.ERROR });
  });

  // Go's url.Parse reads "http://" as an http URL with an empty host: the webhook accepts it.
  test('only warns on a jwksUri the webhook accepts but that names no host', () => {
    const ra = requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'x', jwksUri: 'http://' }] });
    const d = one(requestAuthenticationInvalidJwtRule, [ra], { path: 'spec.jwtRules[0].jwksUri', severity: Severity.WARNING });
    expect(d.message).toContain('no host');
  });

  test('rejects a timeout that is not a duration, and accepts one that is', () => {
    const bad = requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'x', jwksUri: 'https://x.example/jwks', timeout: 'x' }] });
    one(requestAuthenticationInvalidJwtRule, [bad], { path: 'spec.jwtRules[0].timeout', severity: Severity.ERROR });
    none(requestAuthenticationInvalidJwtRule, [requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'x', jwksUri: 'https://x.example/jwks', timeout: '5s' }] })]);
  });

  test('accepts issuer with jwksUri or inline jwks', () => {
    const ra = requestAuthentication('jwt', 'shop', {
      jwtRules: [
        { issuer: 'https://issuer.example', jwksUri: 'https://issuer.example/.well-known/jwks.json', fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }] },
        { jwksUri: 'http://keys.auth.svc.cluster.local:8080/jwks' },
        { issuer: 'x', jwks: '{"keys":[{"kty":"RSA","e":"AQAB","n":"abc"}]}' },
      ],
    });
    none(requestAuthenticationInvalidJwtRule, [ra]);
  });

  test('accepts inline jwks holding a single key', () => {
    none(requestAuthenticationInvalidJwtRule, [requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'x', jwks: '{"kty":"EC"}' }] })]);
  });
});
