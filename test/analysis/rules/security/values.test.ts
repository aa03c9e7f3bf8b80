import { authorizationPolicy, run } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicyInvalidMethod } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-method';
import { authorizationPolicyInvalidPrincipal } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-principal';
import { authorizationPolicyInvalidWildcard } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-invalid-wildcard';
import { authorizationPolicyRelativePath } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-relative-path';
import { principalProblem, wildcardShape } from '../../../../src/analysis/validation/authorizationpolicy';

const policy = (rules: any[], action = 'ALLOW') => authorizationPolicy('api', 'shop', { action, selector: { matchLabels: { app: 'api' } }, rules });
const principals = (...values: string[]) => ({ from: [{ source: { principals: values } }] });
const operation = (op: any) => ({ to: [{ operation: op }] });

describe('authorizationpolicy-invalid-principal', () => {
  test('reports a spiffe:// prefix and writes the principal without it', () => {
    const ds = run(authorizationPolicyInvalidPrincipal, [policy([principals('spiffe://cluster.local/ns/shop/sa/web')])]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-principal', severity: Severity.ERROR, path: 'spec.rules[0].from[0].source.principals[0]' });
    expect(ds[0].istioCode).toBeUndefined();
    expect(ds[0].message).toContain('"spiffe://cluster.local/ns/shop/sa/web"');
    expect(ds[0].message).toContain('spiffe://spiffe://');
    expect(ds[0].fix).toContain('Write "cluster.local/ns/shop/sa/web"');
  });

  test('reports a missing trust domain, the serviceAccounts form, bad names and wrong shapes', () => {
    const ap = policy([principals('ns/shop/sa/web', 'shop/web', 'cluster.local/ns/Shop/sa/web', 'cluster.local/namespace/shop/sa/web', 'web')]);
    const ds = run(authorizationPolicyInvalidPrincipal, [ap]);
    expect(ds.map((d) => d.path)).toEqual([0, 1, 2, 3, 4].map((k) => `spec.rules[0].from[0].source.principals[${k}]`));
    expect(ds[0].message).toContain('no trust domain');
    expect(ds[0].fix).toContain('"cluster.local/ns/shop/sa/web"');
    expect(ds[1].message).toContain('"namespace/serviceAccount"');
    expect(ds[1].fix).toContain('or move "shop/web" to serviceAccounts');
    expect(ds[2].message).toContain('namespace "Shop"');
    expect(ds[2].fix).toContain('"cluster.local/ns/shop/sa/web"');
    expect(ds[3].message).toContain('"namespace" stands where "ns" belongs');
    expect(ds[4].message).toContain('bare name');
  });

  test('checks notPrincipals and the source.principal condition too', () => {
    const ap = policy([{ from: [{ source: { notPrincipals: ['ns/x/sa/y'] } }], when: [{ key: 'source.principal', values: ['spiffe://a/ns/b/sa/c'] }] }]);
    const ds = run(authorizationPolicyInvalidPrincipal, [ap]);
    expect(ds.map((d) => d.path)).toEqual(['spec.rules[0].from[0].source.notPrincipals[0]', 'spec.rules[0].when[0].values[0]']);
    expect(ds[1].message).toContain('condition "source.principal" values');
  });

  test('accepts identities and prefix/suffix patterns that can match one', () => {
    const ok = ['cluster.local/ns/shop/sa/web', 'td.example.com/ns/a-b/sa/web.api', '*', 'cluster.local/ns/shop/*', 'cluster.local/*', '*/ns/shop/sa/web', '*/sa/web', '*web', 'cluster.local/ns/shop/sa/we*'];
    expect(run(authorizationPolicyInvalidPrincipal, [policy([principals(...ok)])])).toEqual([]);
  });

  test('rejects patterns that cannot fit the identity shape', () => {
    expect(principalProblem('cluster.local/namespace/*')?.reason).toContain('"namespace" stands where "ns" belongs');
    expect(principalProblem('*/ns/shop/sa/web/extra')?.reason).toContain('more "/"-separated parts');
    expect(principalProblem('cluster.local/ns/shop/x*')?.reason).toContain('cannot be part of "sa"');
  });
});

describe('authorizationpolicy-invalid-wildcard', () => {
  test('reports a * inside a path and suggests a path template', () => {
    const ds = run(authorizationPolicyInvalidWildcard, [policy([operation({ paths: ['/api/*/users'] })])]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-wildcard', severity: Severity.ERROR, path: 'spec.rules[0].to[0].operation.paths[0]' });
    expect(ds[0].message).toContain('"/api/*/users"');
    expect(ds[0].message).toContain('compared literally');
    expect(ds[0].fix).toContain('"/api/{*}/users"');
  });

  test('reports * at both ends and inside principals, hosts and header conditions', () => {
    const ap = policy([
      { ...principals('cluster.local/ns/*/sa/web'), ...operation({ hosts: ['*.example.*'], notPaths: ['*debug*'] }) },
      { when: [{ key: 'request.headers[x-user]', values: ['a*b'] }] },
    ]);
    const ds = run(authorizationPolicyInvalidWildcard, [ap]);
    expect(ds.map((d) => d.path)).toEqual([
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
    expect(run(authorizationPolicyInvalidWildcard, [ap])).toEqual([]);
  });

  test('classifies wildcard shapes', () => {
    expect(['*', 'a', '*a', 'a*', '*a*', 'a*b', '**'].map(wildcardShape)).toEqual(['any', 'none', 'leading', 'trailing', 'invalid', 'invalid', 'invalid']);
  });
});

describe('authorizationpolicy-relative-path', () => {
  test('reports a path without leading slash', () => {
    const ds = run(authorizationPolicyRelativePath, [policy([operation({ paths: ['api/v1/*'], notPaths: ['health'] })])]);
    expect(ds.map((d) => d.path)).toEqual(['spec.rules[0].to[0].operation.paths[0]', 'spec.rules[0].to[0].operation.notPaths[0]']);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-relative-path', severity: Severity.ERROR });
    expect(ds[0].message).toContain('"api/v1/*"');
    expect(ds[0].fix).toBe('Write "/api/v1/*".');
    expect(ds[1].message).toContain('excludes nothing');
  });

  test('accepts absolute paths and suffix matches', () => {
    expect(run(authorizationPolicyRelativePath, [policy([operation({ paths: ['/api', '*.js', '*'] })])])).toEqual([]);
  });
});

describe('authorizationpolicy-invalid-method', () => {
  test('reports a lower-case method as an error and an unknown one as a warning', () => {
    const ds = run(authorizationPolicyInvalidMethod, [policy([operation({ methods: ['get', 'FETCH', 'POST'] })])]);
    expect(ds).toHaveLength(2);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-method', severity: Severity.ERROR, path: 'spec.rules[0].to[0].operation.methods[0]' });
    expect(ds[0].message).toContain('"get"');
    expect(ds[0].fix).toBe('Write "GET".');
    expect(ds[1]).toMatchObject({ severity: Severity.WARNING, path: 'spec.rules[0].to[0].operation.methods[1]' });
    expect(ds[1].message).toContain('"FETCH"');
    expect(ds[1].fix).toContain('gRPC');
  });

  test('accepts standard methods and wildcards', () => {
    expect(run(authorizationPolicyInvalidMethod, [policy([operation({ notMethods: ['DELETE', 'PATCH'], methods: ['G*'] })])])).toEqual([]);
  });
});
