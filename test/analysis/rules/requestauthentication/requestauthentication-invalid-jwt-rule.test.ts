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

  test('rejects a jwksUri that is not http(s), inline jwks that is not a key set, and bad header names', () => {
    const ra = requestAuthentication('jwt', 'shop', {
      jwtRules: [
        { issuer: 'https://issuer.example', jwksUri: 'ftp://issuer.example/keys' },
        { issuer: 'b', jwks: '{"keys": [{"e": "AQAB"}]}' },
        { issuer: 'c', jwks: 'not json', fromHeaders: [{ name: 'Authorization: Bearer' }] },
      ],
    });
    const ds = many(requestAuthenticationInvalidJwtRule, [ra], ['spec.jwtRules[0].jwksUri', 'spec.jwtRules[1].jwks', 'spec.jwtRules[2].jwks', 'spec.jwtRules[2].fromHeaders[0].name']);
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
    none(requestAuthenticationInvalidJwtRule, [ra]);
  });

  test('accepts inline jwks holding a single key', () => {
    none(requestAuthenticationInvalidJwtRule, [requestAuthentication('jwt', 'shop', { jwtRules: [{ issuer: 'x', jwks: '{"kty":"EC"}' }] })]);
  });
});
