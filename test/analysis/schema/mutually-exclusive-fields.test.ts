import { check, destinationRule, ROUTE, virtualService } from './helpers';
import { SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS } from '../../../src/analysis/rules/schema/schema-mutually-exclusive-fields';

const rule = SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS;

describe('schema-mutually-exclusive-fields', () => {
  test('one load-balancing algorithm passes', () => {
    expect(check(rule, destinationRule({ trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }))).toEqual([]);
    expect(check(rule, destinationRule({ trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'x-user' } } } }))).toEqual([]);
  });

  test('simple and consistentHash together are reported on the load balancer', () => {
    const [d, ...rest] = check(rule, destinationRule({ trafficPolicy: { loadBalancer: { simple: 'RANDOM', consistentHash: { useSourceIp: true } } } }));
    expect(rest).toEqual([]);
    expect(d.path).toBe('spec.trafficPolicy.loadBalancer');
    expect(d.message).toBe('spec.trafficPolicy.loadBalancer sets `simple` and `consistentHash`, but these are alternatives: only one of `simple` or `consistentHash` may be set.');
    expect(d.fix).toBe('Keep one of `simple` or `consistentHash` and remove the other.');
  });

  test('two hash keys of consistentHash (nested in allOf) are reported', () => {
    const [d] = check(rule, destinationRule({ subsets: [{ name: 'v1', trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: 'x', useSourceIp: true } } } }] }));
    expect(d.path).toBe('spec.subsets[0].trafficPolicy.loadBalancer.consistentHash');
    expect(d.message).toMatch(/sets `httpHeaderName` and `useSourceIp`, but these are alternatives: only one of `httpHeaderName`, `httpCookie`, `useSourceIp` or `httpQueryParameterName` may be set\.$/);
  });

  test('a fixed and an exponential fault delay together are reported', () => {
    const [d] = check(rule, virtualService([{ route: ROUTE, fault: { delay: { fixedDelay: '1s', exponentialDelay: '1s' } } }]));
    expect(d.path).toBe('spec.http[0].fault.delay');
  });
});
