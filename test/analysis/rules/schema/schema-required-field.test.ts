import { CrdSchemas } from '../../../../src/analysis/crd';
import { ROUTE, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const SCHEMA_REQUIRED_FIELD = ruleById('schema-required-field');

const rule = SCHEMA_REQUIRED_FIELD;
/** A made-up kind in an Istio group whose spec needs exactly one of a/b, and at least one of c/d. */
const ALTERNATIVES_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.networking.istio.io }
spec:
  group: networking.istio.io
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              a: { type: string }
              b: { type: string }
              c: { type: string }
              d: { type: string }
            oneOf:
            - required: [a]
            - required: [b]
            anyOf:
            - required: [c]
            - required: [d]
`;
/** The schema-required-field findings for a Widget, checked against the CRD above. */
function widgetIssues(spec: any): string[] {
  const crds = CrdSchemas.fromYaml(ALTERNATIVES_CRD, 'widget.yaml');
  const widget = { apiVersion: 'networking.istio.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec };
  return run(rule, [widget], { crds }).map((d) => `${d.ruleId} ${d.path}: ${d.message}`);
}

describe('schema-required-field', () => {
  test('objects with every required field pass', () => {
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] }), destinationRule('reviews', 'shop', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] })]);
  });

  test('a route destination without host is reported at the missing field', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { subset: 'v1' } }] }] })], { path: 'spec.http[0].route[0].destination.host' });
    expect(d.message).toBe('`host` is required in spec.http[0].route[0].destination but is missing.');
    expect(d.fix).toBe('Add `host` to spec.http[0].route[0].destination.');
  });

  test('a subset without a name is reported', () => {
    one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', subsets: [{ labels: { version: 'v1' } }] })], { path: 'spec.subsets[0].name' });
  });

  test('metadata.name is required', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata = { namespace: 'shop' };
    const d = one(rule, [vs], { path: 'metadata.name' });
    expect(d.message).toBe('metadata.name is required.');
  });

  test('metadata.generateName stands in for metadata.name', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata = { generateName: 'reviews-' };
    none(rule, [vs]);
  });

  test('an object without metadata is reported', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    delete vs.metadata;
    one(rule, [vs], { path: 'metadata.name' });
  });

  test('Istio\'s optional alternatives (loadBalancer simple/consistentHash) need none of them', () => {
    none(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { localityLbSetting: { enabled: true } } } } })]);
  });

  test('a oneOf of required alternatives without a "none" branch needs exactly one', () => {
    expect(widgetIssues({ c: 'x' })).toEqual(['schema-required-field spec: spec needs one of `a` or `b`.']);
    expect(widgetIssues({ a: 'x', c: 'x' })).toEqual([]);
  });

  test('an anyOf of required alternatives needs at least one', () => {
    expect(widgetIssues({ a: 'x' })).toEqual(['schema-required-field spec: spec needs at least one of `c` or `d`.']);
    expect(widgetIssues({ a: 'x', c: 'x', d: 'y' })).toEqual([]);
  });
});
