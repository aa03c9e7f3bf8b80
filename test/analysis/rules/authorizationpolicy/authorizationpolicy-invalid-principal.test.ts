import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyInvalidPrincipal = ruleById('authorizationpolicy-invalid-principal');

const policy = (rules: any[], action = 'ALLOW') => authorizationPolicy('api', 'shop', { action, selector: { matchLabels: { app: 'api' } }, rules });
const principals = (...values: string[]) => ({ from: [{ source: { principals: values } }] });

describe('authorizationpolicy-invalid-principal', () => {
  test('reports a spiffe:// prefix and writes the principal without it', () => {
    const d = one(authorizationPolicyInvalidPrincipal, [policy([principals('spiffe://cluster.local/ns/shop/sa/web')])], { path: 'spec.rules[0].from[0].source.principals[0]', severity: Severity.WARNING });
    expect(d.istioCode).toBeUndefined();
    expect(d.message).toContain('"spiffe://cluster.local/ns/shop/sa/web"');
    expect(d.message).toContain('spiffe://spiffe://');
    expect(d.fix).toContain('Write "cluster.local/ns/shop/sa/web"');
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
    const ds = many(authorizationPolicyInvalidPrincipal, [ap], ['spec.rules[0].from[0].source.notPrincipals[0]', 'spec.rules[0].when[0].values[0]']);
    expect(ds[1].message).toContain('condition "source.principal" values');
  });

  test('accepts identities and prefix/suffix patterns that can match one', () => {
    const ok = ['cluster.local/ns/shop/sa/web', 'td.example.com/ns/a-b/sa/web.api', '*', 'cluster.local/ns/shop/*', 'cluster.local/*', '*/ns/shop/sa/web', '*/sa/web', '*web', 'cluster.local/ns/shop/sa/we*'];
    none(authorizationPolicyInvalidPrincipal, [policy([principals(...ok)])]);
  });

  test.each([
    ['cluster.local/namespace/*', '"namespace" stands where "ns" belongs'],
    ['*/ns/shop/sa/web/extra', 'more "/"-separated parts'],
    ['cluster.local/ns/shop/x*', 'cannot be part of "sa"'],
  ])('rejects the pattern %j, which cannot fit the identity shape', (value, reason) => {
    const d = one(authorizationPolicyInvalidPrincipal, [policy([principals(value)])], { path: 'spec.rules[0].from[0].source.principals[0]' });
    expect(d.message).toContain(reason);
  });

  test('reports a bare name only as a warning, since istioctl accepts any principal', () => {
    one(authorizationPolicyInvalidPrincipal, [policy([principals('admin')])], { path: 'spec.rules[0].from[0].source.principals[0]', severity: Severity.WARNING });
  });
});
