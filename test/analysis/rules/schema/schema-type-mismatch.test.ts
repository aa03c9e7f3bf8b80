import { ROUTE, deployment, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, rulesWithPrefix, run } from '../../../fixtures/rules';

const SCHEMA_TYPE_MISMATCH = ruleById('schema-type-mismatch');

const rule = SCHEMA_TYPE_MISMATCH;

describe('schema-type-mismatch', () => {
  test('a VirtualService with the right types passes', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', port: { number: 9080 } }, weight: 100 }], mirrorPercentage: { value: 50 }, timeout: '3s' }] });
    none(rule, [vs]);
  });

  test('a quoted port number is a string where an integer is expected', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', port: { number: '9080' } } }] }] })], { path: 'spec.http[0].route[0].destination.port.number' });
    expect(d.message).toBe('spec.http[0].route[0].destination.port.number must be an integer, but is a string ("9080").');
    expect(d.fix).toBe('Remove the quotes: 9080.');
  });

  test('a bare number for a duration asks for a duration string', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, timeout: 5 }] })], { path: 'spec.http[0].timeout' });
    expect(d.message).toBe('spec.http[0].timeout must be a string (a duration such as "5s"), but is an integer (5).');
    expect(d.fix).toBe('Write it as a duration string with a unit, e.g. "5s".');
  });

  test('a single value where a list is expected asks for a list', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.spec.hosts = 'reviews';
    const d = one(rule, [vs], { path: 'spec.hosts' });
    expect(d.message).toBe('spec.hosts must be a list, but is a string ("reviews").');
    expect(d.fix).toBe('Make it a list: ["reviews"].');
  });

  test('an integer field must be whole', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight: 12.5 }] }] })], { path: 'spec.http[0].route[0].weight' });
    expect(d.fix).toBe('Use a whole number.');
  });

  test('a number field accepts integers and fractions', () => {
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, mirrorPercentage: { value: 12.5 } }] })]);
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, mirrorPercentage: { value: 12 } }] })]);
  });

  test('a quoted boolean is reported with the unquoted fix', () => {
    const d = one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { consistentHash: { useSourceIp: 'true' } } } } })], { path: 'spec.trafficPolicy.loadBalancer.consistentHash.useSourceIp' });
    expect(d.fix).toBe('Write true without quotes.');
  });

  test('x-kubernetes-int-or-string takes an integer or a string, nothing else', () => {
    const status = (observedGeneration: unknown): any => ({ ...destinationRule('reviews', 'shop', { host: 'reviews' }), status: { observedGeneration } });
    none(rule, [status(3)]);
    none(rule, [status('3')]);
    const d = one(rule, [status(true)], { path: 'status.observedGeneration' });
    expect(d.message).toBe('status.observedGeneration must be an integer or a string, but is a boolean (true).');
  });

  test('a subtree of the wrong type is reported once and not looked into', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, retries: [{ retry: 1, perTryTimeout: 5 }] }] });
    const all = run(rulesWithPrefix('schema-'), [vs]);
    expect(all.map((d) => `${d.ruleId} ${d.path}`)).toEqual(['schema-type-mismatch spec.http[0].retries']);
    expect(all[0].fix).toBe('Write a single object (fields), not a list.');
  });

  test('metadata.name must be a string', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata.name = 42;
    const d = one(rule, [vs], { path: 'metadata.name' });
    expect(d.message).toBe('metadata.name must be a string, but is 42.');
  });

  test('label values must be strings', () => {
    const dr = destinationRule('reviews', 'shop', { host: 'reviews' });
    dr.metadata.labels = { version: 2 };
    const d = one(rule, [dr], { path: 'metadata.labels.version' });
    expect(d.fix).toBe('Quote the value: "2".');
  });

  // Kubernetes cannot decode a Deployment whose labels are not strings (istioctl validate says so too).
  test('label values of a Deployment\'s pod template must be strings', () => {
    const d = deployment('reviews', 'shop');
    d.spec.template.metadata.labels.hosts = 1;
    const found = one(rule, [d], { path: 'spec.template.metadata.labels.hosts' });
    expect(found.message).toContain('Kubernetes rejects');
  });

  test('a Deployment with string labels and annotations passes', () => {
    none(rule, [deployment('reviews', 'shop', { podAnnotations: { 'sidecar.istio.io/inject': 'true' } })]);
  });

  test('null values are pruned by the API server, not rejected', () => {
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, timeout: null }] })]);
  });
});
