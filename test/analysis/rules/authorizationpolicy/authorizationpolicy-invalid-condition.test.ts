import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyInvalidCondition = ruleById('authorizationpolicy-invalid-condition');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });

describe('authorizationpolicy-invalid-condition', () => {
  test('rejects an unknown key with a suggestion', () => {
    const ap = allow([{ when: [{ key: 'source.principals', values: ['x'] }] }]);
    const d = one(authorizationPolicyInvalidCondition, [ap], { path: 'spec.rules[0].when[0].key', severity: Severity.ERROR });
    expect(d.message).toContain('"source.principals"');
    expect(d.fix).toContain('Did you mean "source.principal"?');
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
    none(authorizationPolicyInvalidCondition, [ap]);
  });
});
