import { ROUTE, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const SCHEMA_UNKNOWN_FIELD = ruleById('schema-unknown-field');

const rule = SCHEMA_UNKNOWN_FIELD;

describe('schema-unknown-field', () => {
  test('a valid VirtualService has no unknown field', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ match: [{ uri: { prefix: '/api' }, headers: { 'x-user': { exact: 'a' } } }], route: ROUTE, timeout: '5s', retries: { attempts: 2, perTryTimeout: '1s' } }] });
    none(rule, [vs]);
  });

  test('`retry` in an HTTP route suggests `retries`', () => {
    const [d, ...rest] = run(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, retry: { attempts: 3 } }] })]);
    expect(rest).toEqual([]);
    expect(d.path).toBe('spec.http[0].retry');
    expect(d.message).toBe('`retry` is not a field of spec.http[0]. Did you mean `retries`?');
    expect(d.fix).toBe('Rename `retry` to `retries`.');
    expect(d.severity).toBe('error');
  });

  test('`per_try_timeout` in retries suggests the camelCase `perTryTimeout`', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, retries: { attempts: 3, per_try_timeout: '2s' } }] })], { path: 'spec.http[0].retries.per_try_timeout' });
    expect(d.message).toBe('`per_try_timeout` is not a field of spec.http[0].retries. Field names are camelCase: did you mean `perTryTimeout`?');
    expect(d.fix).toBe('Rename `per_try_timeout` to `perTryTimeout`.');
  });

  test('`timeout` inside retries says it belongs on the route and that retries take `perTryTimeout`', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }, { route: ROUTE, retries: { attempts: 3, timeout: '5s' } }] })], { path: 'spec.http[1].retries.timeout' });
    expect(d.message).toBe('`timeout` is not a field of spec.http[1].retries. `timeout` belongs to the enclosing spec.http[1]: '
      + 'spec.http[1].timeout. Within `retries`, the closest field is `perTryTimeout`.');
    expect(d.fix).toBe('Move `timeout` to spec.http[1].timeout, or use `perTryTimeout` here if that is what you meant.');
  });

  test('`loadBalancer` in a VirtualService route says it is a DestinationRule field', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, loadBalancer: { simple: 'ROUND_ROBIN' } }] })], { path: 'spec.http[0].loadBalancer' });
    expect(d.message).toBe('`loadBalancer` is not a field of spec.http[0]. It is a DestinationRule field (spec.trafficPolicy.loadBalancer), not a VirtualService one.');
    expect(d.fix).toBe('Remove `loadBalancer` here and set it in a DestinationRule (networking.istio.io) at spec.trafficPolicy.loadBalancer.');
  });

  test('a field written one level too high points into the sub-object', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, subset: 'v1' }] }] })], { path: 'spec.http[0].route[0].subset' });
    expect(d.message).toBe('`subset` is not a field of spec.http[0].route[0]. It belongs one level down, at spec.http[0].route[0].destination.subset.');
  });

  test('a field of another place in the same kind names that place', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ match: [{ sniHosts: ['reviews'] }], route: ROUTE }] })], { path: 'spec.http[0].match[0].sniHosts' });
    expect(d.message).toBe('`sniHosts` is not a field of spec.http[0].match[0]. In a VirtualService, `sniHosts` belongs at spec.tls[*].match[*].sniHosts.');
    expect(d.fix).toBe('Move `sniHosts` to spec.tls[*].match[*].sniHosts.');
  });

  test('a misspelt top-level field suggests `spec`', () => {
    const d = one(rule, [{ ...destinationRule('reviews', 'shop', { host: 'reviews' }), sepc: { host: 'reviews' } }], { path: 'sepc' });
    expect(d.message).toBe('`sepc` is not a field of the top level of a DestinationRule. Did you mean `spec`?');
  });

  test('with no likely intent, the message lists the allowed fields', () => {
    const d = one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { tls: { mode: 'SIMPLE', zzz: true } } } })], { path: 'spec.trafficPolicy.tls.zzz' });
    expect(d.message).toMatch(/^`zzz` is not a field of spec\.trafficPolicy\.tls\. Fields allowed here: .*caCertificates.*sni/);
  });

  test('an unknown metadata field suggests the ObjectMeta field', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata = { name: 'reviews', namespce: 'shop' };
    const d = one(rule, [vs], { path: 'metadata.namespce' });
    expect(d.message).toBe('`namespce` is not a field of metadata. Did you mean `namespace`?');
  });

  test('map keys (labels, headers) are not fields', () => {
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', ...{ subsets: [{ name: 'v1', labels: { 'version': 'v1', 'app.kubernetes.io/name': 'reviews' } }] } });
    none(rule, [dr]);
  });

  test('fields under x-kubernetes-preserve-unknown-fields are accepted', () => {
    const ef = {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'EnvoyFilter',
      metadata: { name: 'lua' },
      spec: { configPatches: [{ applyTo: 'HTTP_FILTER', patch: { operation: 'MERGE', value: { typed_config: { '@type': 'x', 'inline_code': '' } } } }] },
    };
    none(rule, [ef]);
  });

  test('objects outside the Istio API groups are not checked', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicaz: 1 } };
    const operator = { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: { name: 'x' }, spec: { anything: 1 } };
    none(rule, [deployment, operator]);
  });

  test('the ignore annotation switches the rule off for one object', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, retry: {} }] });
    vs.metadata.annotations = { 'cdk8s-istio.io/ignore-rules': 'schema-unknown-field' };
    none(rule, [vs]);
  });
});
