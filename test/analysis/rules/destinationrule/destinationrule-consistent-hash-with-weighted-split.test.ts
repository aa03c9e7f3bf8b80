import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy, to, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-consistent-hash-with-weighted-split');

const subsets = [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }];
const sticky = { loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '0s' } } } };
const canary = (...route: any[]) => virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route }] });

describe('destinationrule-consistent-hash-with-weighted-split', () => {
  test('warns when a weighted split spreads a hashed host over subsets', () => {
    const d = one(rule, [drPolicy(sticky, subsets), canary(to('reviews', 'v1', 90), to('reviews', 'v2', 10))], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash',
      severity: Severity.WARNING,
    });
    expect(d.message).toContain('consistentHash on cookie "user"');
    expect(d.message).toContain('VirtualService default/reviews http route #0 splits traffic by weight across reviews subset v1 (weight 90), reviews subset v2 (weight 10)');
    expect(d.message).toContain('stickiness is lost across the split');
  });

  test('points at the subset\'s own consistent hash when the subset sets one', () => {
    const own = [subsets[0], { ...subsets[1], trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'x-user' } } } }];
    const d = one(rule, [drPolicy(undefined, own), canary(to('reviews', 'v1', 50), to('reviews', 'v2', 50))], {
      path: 'spec.subsets[1].trafficPolicy.loadBalancer.consistentHash',
    });
    expect(d.message).toContain('on header "x-user"');
  });

  test('accepts a single destination (nothing to split)', () => {
    none(rule, [drPolicy(sticky, subsets), canary(to('reviews', 'v1'))]);
  });

  test('accepts a split where only one destination has weight', () => {
    none(rule, [drPolicy(sticky, subsets), canary(to('reviews', 'v1', 100), to('reviews', 'v2', 0))]);
  });

  test('accepts a weighted split without consistent hash', () => {
    none(rule, [drPolicy({ loadBalancer: { simple: 'LEAST_REQUEST' } }, subsets), canary(to('reviews', 'v1', 90), to('reviews', 'v2', 10))]);
  });

  test('accepts a hashed host when the subsets override the load balancer', () => {
    const plain = subsets.map((s) => ({ ...s, trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } }));
    none(rule, [drPolicy(sticky, plain), canary(to('reviews', 'v1', 90), to('reviews', 'v2', 10))]);
  });
});
