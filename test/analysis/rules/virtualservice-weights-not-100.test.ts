import { run, to, virtualService } from './fixtures';
import { Severity } from '../../../src/analysis/diagnostic';
import { toHundred } from '../../../src/analysis/facts/weights';
import { virtualServiceWeightsNot100 as rule } from '../../../src/analysis/rules/virtualservice/virtualservice-weights-not-100';

const split = (...route: any[]) => virtualService('reviews', { hosts: ['reviews'], http: [{ route }] });

describe('virtualservice-weights-not-100', () => {
  test('warns when percentage-like weights do not add up to 100, with the effective shares', () => {
    const ds = run(rule, [split(to('reviews', 'v1', 30), to('reviews', 'v2', 30))]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'virtualservice-weights-not-100',
      severity: Severity.WARNING,
      path: 'spec.http[0].route',
    });
    expect(ds[0].istioCode).toBeUndefined();
    expect(ds[0].message).toContain('Weights 30 (reviews subset v1), 30 (reviews subset v2) add up to 60, not 100');
    expect(ds[0].message).toContain('weight / 60');
    expect(ds[0].message).toContain('reviews subset v1 50%, reviews subset v2 50%');
    expect(ds[0].fix).toContain('e.g. 50 / 50');
  });

  test('accepts weights that add up to 100', () => {
    expect(run(rule, [split(to('reviews', 'v1', 90), to('reviews', 'v2', 10))])).toEqual([]);
  });

  test('accepts relative weights when one is above 100', () => {
    expect(run(rule, [split(to('reviews', 'v1', 1000), to('reviews', 'v2', 9000))])).toEqual([]);
  });

  test('counts a missing weight as 0 and explains that it gets no traffic', () => {
    const ds = run(rule, [split(to('reviews', 'v1', 90), to('reviews', 'v2'))]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('add up to 90');
    expect(ds[0].message).toContain('reviews subset v1 100%, reviews subset v2 0%');
  });

  test('rounds effective shares to one decimal and suggests weights adding up to exactly 100', () => {
    const ds = run(rule, [split(to('a', undefined, 1), to('b', undefined, 1), to('c', undefined, 1))]);
    expect(ds[0].message).toContain('a 33.3%, b 33.3%, c 33.3%');
    expect(ds[0].fix).toContain('34 / 33 / 33');
  });

  test('ignores single destinations and splits the invalid-weight rule reports', () => {
    expect(run(rule, [split(to('reviews', undefined, 50))])).toEqual([]);
    expect(run(rule, [split(to('reviews', 'v1', 0), to('reviews', 'v2', 0))])).toEqual([]);
    expect(run(rule, [split(to('reviews', 'v1', -10), to('reviews', 'v2', 50))])).toEqual([]);
  });

  test('checks tcp routes too', () => {
    const vs = virtualService('db', { hosts: ['db'], tcp: [{ route: [to('db', 'a', 20), to('db', 'b', 20)] }] });
    expect(run(rule, [vs]).map((d) => d.path)).toEqual(['spec.tcp[0].route']);
  });

  test('toHundred keeps proportions and always totals 100', () => {
    expect(toHundred([30, 30])).toEqual([50, 50]);
    expect(toHundred([1, 2])).toEqual([33, 67]);
    expect(toHundred([0, 7])).toEqual([0, 100]);
    expect(toHundred([1, 1, 1, 1, 1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(100);
  });
});
