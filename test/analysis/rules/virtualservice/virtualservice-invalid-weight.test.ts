import { Severity } from '../../../../src/analysis/diagnostic';
import { to, virtualService } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-weight');

const split = (...route: any[]) => virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route }] });

describe('virtualservice-invalid-weight', () => {
  test('reports a negative weight as the webhook does', () => {
    const d = one(rule, [split(to('reviews', 'v1', 110), to('reviews', 'v2', -10))], { path: 'spec.http[0].route[1].weight', severity: Severity.ERROR });
    expect(d.message).toContain('Weight -10 of reviews subset v2 is negative');
    expect(d.fix).toContain('Use 0');
  });

  test('accepts weights that do not add up to 100 (relative weights, Istio 1.15+)', () => {
    none(rule, [split(to('reviews', 'v1', 1000), to('reviews', 'v2', 9000))]);
    none(rule, [split(to('reviews', 'v1', 30), to('reviews', 'v2', 30))]);
  });

  test('reports a split of several destinations whose weights are all zero or missing', () => {
    const found = one(rule, [split(to('reviews', 'v1', 0), to('reviews', 'v2'))], { path: 'spec.http[0].route' });
    expect(found.path).toBe('spec.http[0].route');
    expect(found.message).toContain('total weight is 0');
    expect(found.message).toContain('reviews subset v1, reviews subset v2');
    expect(found.fix).toContain('positive weights');
  });

  test('accepts a single destination without weight, or with weight 0', () => {
    none(rule, [split(to('reviews'))]);
    none(rule, [split(to('reviews', undefined, 0))]);
  });

  test('reports a fractional weight with a whole-number fix', () => {
    const ds = many(rule, [split(to('reviews', 'v1', 33.3), to('reviews', 'v2', 66.7))], ['spec.http[0].route[0].weight', 'spec.http[0].route[1].weight']);
    expect(ds[0].message).toContain('Weight 33.3 of reviews subset v1 is not a whole number');
    expect(ds[0].fix).toContain('e.g. 33');
  });

  test('reports a quoted weight', () => {
    const d = one(rule, [split({ destination: { host: 'reviews' }, weight: '50' }, to('ratings', undefined, 50))], { path: 'spec.http[0].route[0].weight' });
    expect(d.message).toContain('Weight "50" of reviews');
    expect(d.fix).toContain('weight: 50');
  });

  test('reports a weight beyond int32', () => {
    const found = one(rule, [split(to('reviews', 'v1', 3_000_000_000), to('reviews', 'v2', 1))], { path: 'spec.http[0].route[0].weight' });
    expect(found.message).toContain('3000000000');
  });

  test('checks tcp and tls splits too', () => {
    const vs = virtualService('db', undefined, {
      hosts: ['db'],
      tcp: [{ route: [to('db', 'a', 0), to('db', 'b', 0)] }],
      tls: [{ match: [{ sniHosts: ['db'] }], route: [to('db', 'a', -1), to('db', 'b', 2)] }],
    });
    many(rule, [vs], ['spec.tcp[0].route', 'spec.tls[0].route[0].weight']);
  });
});
