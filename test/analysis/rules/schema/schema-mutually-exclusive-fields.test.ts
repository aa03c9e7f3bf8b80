import { widgetIssues } from './widget-crd';
import { ROUTE, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS = ruleById('schema-mutually-exclusive-fields');

const rule = SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS;

describe('schema-mutually-exclusive-fields', () => {
  test('one load-balancing algorithm passes', () => {
    none(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } } })]);
    none(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'x-user' } } } } })]);
  });

  test('simple and consistentHash together are reported on the load balancer', () => {
    const [d, ...rest] = run(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { simple: 'RANDOM', consistentHash: { useSourceIp: true } } } } })]);
    expect(rest).toEqual([]);
    expect(d.path).toBe('spec.trafficPolicy.loadBalancer');
    expect(d.message).toBe('spec.trafficPolicy.loadBalancer sets `simple` and `consistentHash`, but these are alternatives: only one of `simple` or `consistentHash` may be set.');
    expect(d.fix).toBe('Keep one of `simple` or `consistentHash` and remove the other.');
  });

  test('two hash keys of consistentHash (nested in allOf) are reported', () => {
    const d = one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ subsets: [{ name: 'v1', trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'x', useSourceIp: true } } } }] } })], { path: 'spec.subsets[0].trafficPolicy.loadBalancer.consistentHash' });
    expect(d.message).toMatch(/sets `httpHeaderName` and `useSourceIp`, but these are alternatives: only one of `httpHeaderName`, `httpCookie`, `useSourceIp` or `httpQueryParameterName` may be set\.$/);
  });

  test('a fixed and an exponential fault delay together are reported', () => {
    one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, fault: { delay: { fixedDelay: '1s', exponentialDelay: '1s' } } }] })], { path: 'spec.http[0].fault.delay' });
  });

  test('two of a oneOf of required alternatives are exclusive', () => {
    expect(widgetIssues(rule, { a: 'x', b: 'y', c: 'z' })).toEqual([
      'schema-mutually-exclusive-fields spec: spec sets `a` and `b`, but these are alternatives: only one of `a` or `b` may be set.',
    ]);
  });
});
