import { Severity } from '../../../../src/analysis/diagnostic';
import { to, virtualService } from '../../../fixtures/manifests';
import { reviewsDestinationRule, reviewsRollout } from '../../../fixtures/progressive-delivery';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-weights-not-100');

const split = (...route: any[]) => virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route }] });

describe('virtualservice-weights-not-100', () => {
  test('warns when percentage-like weights do not add up to 100, with the effective shares', () => {
    const d = one(rule, [split(to('reviews', 'v1', 30), to('reviews', 'v2', 30))], { path: 'spec.http[0].route', severity: Severity.WARNING });
    expect(d.istioCode).toBeUndefined();
    expect(d.message).toContain('Weights 30 (reviews subset v1), 30 (reviews subset v2) add up to 60, not 100');
    expect(d.message).toContain('weight / 60');
    expect(d.message).toContain('reviews subset v1 50%, reviews subset v2 50%');
    expect(d.fix).toContain('e.g. 50 / 50');
  });

  test('accepts weights that add up to 100', () => {
    none(rule, [split(to('reviews', 'v1', 90), to('reviews', 'v2', 10))]);
  });

  test('accepts relative weights when one is above 100', () => {
    none(rule, [split(to('reviews', 'v1', 1000), to('reviews', 'v2', 9000))]);
  });

  test('counts a missing weight as 0 and explains that it gets no traffic', () => {
    const found = one(rule, [split(to('reviews', 'v1', 90), to('reviews', 'v2'))], { path: 'spec.http[0].route' });
    expect(found.message).toContain('add up to 90');
    expect(found.message).toContain('reviews subset v1 100%, reviews subset v2 0%');
  });

  test('rounds effective shares to one decimal and suggests weights adding up to exactly 100', () => {
    const ds = run(rule, [split(to('a', undefined, 1), to('b', undefined, 1), to('c', undefined, 1))]);
    expect(ds[0].message).toContain('a 33.3%, b 33.3%, c 33.3%');
    expect(ds[0].fix).toContain('34 / 33 / 33');
  });

  test('ignores single destinations and splits the invalid-weight rule reports', () => {
    none(rule, [split(to('reviews', undefined, 50))]);
    none(rule, [split(to('reviews', 'v1', 0), to('reviews', 'v2', 0))]);
    none(rule, [split(to('reviews', 'v1', -10), to('reviews', 'v2', 50))]);
  });

  test('checks tcp routes too', () => {
    const vs = virtualService('db', undefined, { hosts: ['db'], tcp: [{ route: [to('db', 'a', 20), to('db', 'b', 20)] }] });
    one(rule, [vs], { path: 'spec.tcp[0].route' });
  });

  test.each([
    [[30, 30], '50 / 50'],
    [[1, 2], '33 / 67'],
    [[0, 7], '0 / 100'],
  ])('suggests weights %j scaled to 100, keeping proportions: %s', (weights, suggestion) => {
    const d = one(rule, [split(...weights.map((w, i) => to('reviews', `v${i}`, w)))], { path: 'spec.http[0].route' });
    expect(d.fix).toContain(`e.g. ${suggestion}`);
  });

  test('suggests weights that always total 100', () => {
    const d = one(rule, [split(...[1, 1, 1, 1, 1, 1, 1].map((w, i) => to('reviews', `v${i}`, w)))], { path: 'spec.http[0].route' });
    const suggested = /e\.g\. ([\d /]+)/.exec(d.fix!)![1].split(' / ').map(Number);
    expect(suggested).toHaveLength(7);
    expect(suggested.reduce((a, b) => a + b, 0)).toBe(100);
  });

  test('leaves the weights of a route an Argo Rollout moves to the controller', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ name: 'primary', route: [to('reviews', 'stable', 30), to('reviews', 'canary', 30)] }] });
    none(rule, [reviewsRollout(), vs, reviewsDestinationRule()]);
    one(rule, [vs], { path: 'spec.http[0].route' });
  });

  test('leaves the weights of a route the controller-routes annotation lists to the controller', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ name: 'default', route: [to('reviews', 'v1', 30), to('reviews', 'v2', 30)] }] },
      { annotations: { 'cdk8s-istio.io/controller-routes': 'argo-rollouts:default' } });
    none(rule, [vs]);
  });
});
