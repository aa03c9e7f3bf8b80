import { check, destinationRule, ROUTE, virtualService } from './helpers';
import { deriveFieldTable } from '../../../scripts/derive-field-table';
import { toRecord } from '../../../src/analysis/manifest';
import { SCHEMA_REQUIRED_FIELD } from '../../../src/analysis/rules/schema/schema-required-field';
import { validateIstioRecord } from '../../../src/analysis/schema/validate';
import { FieldTableLookup } from '../../../src/analysis/schema/field-table';

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

function widgetIssues(spec: any): string[] {
  const lookup = new FieldTableLookup(deriveFieldTable(ALTERNATIVES_CRD, 'widget.yaml'));
  const record = toRecord({ manifest: { apiVersion: 'networking.istio.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec } })!;
  return validateIstioRecord(record, lookup).map((i) => `${i.rule} ${i.path.join('.')}: ${i.message}`);
}

describe('schema-required-field', () => {
  test('objects with every required field pass', () => {
    expect(check(rule, virtualService([{ route: ROUTE }]), destinationRule({ subsets: [{ name: 'v1', labels: { version: 'v1' } }] }))).toEqual([]);
  });

  test('a route destination without host is reported at the missing field', () => {
    const [d] = check(rule, virtualService([{ route: [{ destination: { subset: 'v1' } }] }]));
    expect(d.path).toBe('spec.http[0].route[0].destination.host');
    expect(d.message).toBe('`host` is required in spec.http[0].route[0].destination but is missing.');
    expect(d.fix).toBe('Add `host` to spec.http[0].route[0].destination.');
  });

  test('a subset without a name is reported', () => {
    const [d] = check(rule, destinationRule({ subsets: [{ labels: { version: 'v1' } }] }));
    expect(d.path).toBe('spec.subsets[0].name');
  });

  test('metadata.name is required', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.metadata = { namespace: 'shop' };
    const [d] = check(rule, vs);
    expect(d.path).toBe('metadata.name');
    expect(d.message).toBe('metadata.name is required.');
  });

  test('metadata.generateName stands in for metadata.name', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.metadata = { generateName: 'reviews-' };
    expect(check(rule, vs)).toEqual([]);
  });

  test('an object without metadata is reported', () => {
    const vs = virtualService([{ route: ROUTE }]);
    delete vs.metadata;
    expect(check(rule, vs).map((d) => d.path)).toEqual(['metadata.name']);
  });

  test('Istio\'s optional alternatives (loadBalancer simple/consistentHash) need none of them', () => {
    expect(check(rule, destinationRule({ trafficPolicy: { loadBalancer: { localityLbSetting: { enabled: true } } } }))).toEqual([]);
  });

  test('a oneOf of required alternatives without a "none" branch needs exactly one', () => {
    expect(widgetIssues({ c: 'x' })).toEqual(['schema-required-field spec: spec needs one of `a` or `b`.']);
    expect(widgetIssues({ a: 'x', c: 'x' })).toEqual([]);
  });

  test('an anyOf of required alternatives needs at least one', () => {
    expect(widgetIssues({ a: 'x' })).toEqual(['schema-required-field spec: spec needs at least one of `c` or `d`.']);
    expect(widgetIssues({ a: 'x', c: 'x', d: 'y' })).toEqual([]);
  });

  test('two of a oneOf of required alternatives are exclusive', () => {
    expect(widgetIssues({ a: 'x', b: 'y', c: 'z' })).toEqual([
      'schema-mutually-exclusive-fields spec: spec sets `a` and `b`, but these are alternatives: only one of `a` or `b` may be set.',
    ]);
  });
});
