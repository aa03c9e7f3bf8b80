import { check, destinationRule, ROUTE, virtualService } from './helpers';
import { ALL_RULES } from '../../../src/analysis/rules';
import { SCHEMA_TYPE_MISMATCH } from '../../../src/analysis/rules/schema/schema-type-mismatch';

const SCHEMA_RULES = ALL_RULES.filter((r) => r.id.startsWith('schema-') && r.id !== 'schema-cel-validation');

const rule = SCHEMA_TYPE_MISMATCH;

describe('schema-type-mismatch', () => {
  test('a VirtualService with the right types passes', () => {
    const vs = virtualService([{ route: [{ destination: { host: 'reviews', port: { number: 9080 } }, weight: 100 }], mirrorPercentage: { value: 50 }, timeout: '3s' }]);
    expect(check(rule, vs)).toEqual([]);
  });

  test('a quoted port number is a string where an integer is expected', () => {
    const [d] = check(rule, virtualService([{ route: [{ destination: { host: 'reviews', port: { number: '9080' } } }] }]));
    expect(d.path).toBe('spec.http[0].route[0].destination.port.number');
    expect(d.message).toBe('spec.http[0].route[0].destination.port.number must be an integer, but is a string ("9080").');
    expect(d.fix).toBe('Remove the quotes: 9080.');
  });

  test('a bare number for a duration asks for a duration string', () => {
    const [d] = check(rule, virtualService([{ route: ROUTE, timeout: 5 }]));
    expect(d.path).toBe('spec.http[0].timeout');
    expect(d.message).toBe('spec.http[0].timeout must be a string (a duration such as "5s"), but is an integer (5).');
    expect(d.fix).toBe('Write it as a duration string with a unit, e.g. "5s".');
  });

  test('a single value where a list is expected asks for a list', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.spec.hosts = 'reviews';
    const [d] = check(rule, vs);
    expect(d.path).toBe('spec.hosts');
    expect(d.message).toBe('spec.hosts must be a list, but is a string ("reviews").');
    expect(d.fix).toBe('Make it a list: ["reviews"].');
  });

  test('an integer field must be whole', () => {
    const [d] = check(rule, virtualService([{ route: [{ destination: { host: 'reviews' }, weight: 12.5 }] }]));
    expect(d.path).toBe('spec.http[0].route[0].weight');
    expect(d.fix).toBe('Use a whole number.');
  });

  test('a number field accepts integers and fractions', () => {
    expect(check(rule, virtualService([{ route: ROUTE, mirrorPercentage: { value: 12.5 } }]))).toEqual([]);
    expect(check(rule, virtualService([{ route: ROUTE, mirrorPercentage: { value: 12 } }]))).toEqual([]);
  });

  test('a quoted boolean is reported with the unquoted fix', () => {
    const [d] = check(rule, destinationRule({ trafficPolicy: { loadBalancer: { consistentHash: { useSourceIp: 'true' } } } }));
    expect(d.path).toBe('spec.trafficPolicy.loadBalancer.consistentHash.useSourceIp');
    expect(d.fix).toBe('Write true without quotes.');
  });

  test('x-kubernetes-int-or-string takes an integer or a string, nothing else', () => {
    const status = (observedGeneration: unknown): any => ({ ...destinationRule({}), status: { observedGeneration } });
    expect(check(rule, status(3))).toEqual([]);
    expect(check(rule, status('3'))).toEqual([]);
    const [d] = check(rule, status(true));
    expect(d.path).toBe('status.observedGeneration');
    expect(d.message).toBe('status.observedGeneration must be an integer or a string, but is a boolean (true).');
  });

  test('a subtree of the wrong type is reported once and not looked into', () => {
    const vs = virtualService([{ route: ROUTE, retries: [{ retry: 1, perTryTimeout: 5 }] }]);
    const all = check(SCHEMA_RULES, vs);
    expect(all.map((d) => `${d.ruleId} ${d.path}`)).toEqual(['schema-type-mismatch spec.http[0].retries']);
    expect(all[0].fix).toBe('Write a single object (fields), not a list.');
  });

  test('metadata.name must be a string', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.metadata.name = 42;
    const [d] = check(rule, vs);
    expect(d.path).toBe('metadata.name');
    expect(d.message).toBe('metadata.name must be a string, but is 42.');
  });

  test('label values must be strings', () => {
    const dr = destinationRule({});
    dr.metadata.labels = { version: 2 };
    const [d] = check(rule, dr);
    expect(d.path).toBe('metadata.labels.version');
    expect(d.fix).toBe('Quote the value: "2".');
  });

  test('null values are pruned by the API server, not rejected', () => {
    expect(check(rule, virtualService([{ route: ROUTE, timeout: null }]))).toEqual([]);
  });
});
