import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const authorizationPolicyInvalidWildcard = ruleById('authorizationpolicy-invalid-wildcard');

const policy = (rules: any[], action = 'ALLOW') => authorizationPolicy('api', 'shop', { action, selector: { matchLabels: { app: 'api' } }, rules });
const principals = (...values: string[]) => ({ from: [{ source: { principals: values } }] });
const operation = (op: any) => ({ to: [{ operation: op }] });

describe('authorizationpolicy-invalid-wildcard', () => {
  test('reports a * inside a path and suggests a path template', () => {
    const d = one(authorizationPolicyInvalidWildcard, [policy([operation({ paths: ['/api/*/users'] })])], { path: 'spec.rules[0].to[0].operation.paths[0]', severity: Severity.WARNING });
    expect(d.message).toContain('"/api/*/users"');
    expect(d.message).toContain('an exact match on the literal "/api/*/users"');
    expect(d.fix).toContain('"/api/{*}/users"');
  });

  test('reports * at both ends and inside principals, hosts and header conditions', () => {
    const ap = policy([
      { ...principals('cluster.local/ns/*/sa/web'), ...operation({ hosts: ['*.example.*'], notPaths: ['*debug*'] }) },
      { when: [{ key: 'request.headers[x-user]', values: ['a*b'] }] },
    ]);
    const ds = many(authorizationPolicyInvalidWildcard, [ap], [
      'spec.rules[0].from[0].source.principals[0]',
      'spec.rules[0].to[0].operation.hosts[0]',
      'spec.rules[0].to[0].operation.notPaths[0]',
      'spec.rules[1].when[0].values[0]',
    ]);
    expect(ds[1].message).toContain('at both ends');
    expect(ds[2].fix).toContain('prefix');
  });

  test('accepts leading, trailing and lone *, path templates, and namespaces (matched as a regex)', () => {
    const ap = policy([
      { from: [{ source: { principals: ['*', 'cluster.local/ns/shop/*'], namespaces: ['team-*-prod'] } }], ...operation({ paths: ['/api/*', '*.png', '/api/{*}/users'], hosts: ['*.example.com'], methods: ['*'] }) },
    ]);
    none(authorizationPolicyInvalidWildcard, [ap]);
  });

  test.each(['*', 'a', '*a', 'a*'])('accepts the principal %j: any, exact, suffix or prefix', (value) => {
    none(authorizationPolicyInvalidWildcard, [policy([principals(value)])]);
  });

  test.each(['*a*', 'a*b', '**'])('refuses the principal %j: a * elsewhere than at one end', (value) => {
    one(authorizationPolicyInvalidWildcard, [policy([principals(value)])], { path: 'spec.rules[0].from[0].source.principals[0]' });
  });

  test('reports notPaths "/dex/**" as a dead prefix match on "/dex/*", only as a warning (Istio accepts it)', () => {
    const d = one(authorizationPolicyInvalidWildcard, [policy([operation({ notPaths: ['/dex/**'] })], 'DENY')], { path: 'spec.rules[0].to[0].operation.notPaths[0]', severity: Severity.WARNING });
    expect(d.message).toContain('a prefix match on the literal "/dex/*"');
    expect(d.message).not.toContain('compared literally');
    expect(d.fix).toContain('"/dex/{**}"');
  });
});
