import { widgetIssues } from './widget-crd';
import { ROUTE, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const SCHEMA_REQUIRED_FIELD = ruleById('schema-required-field');

const rule = SCHEMA_REQUIRED_FIELD;

describe('schema-required-field', () => {
  test('objects with every required field pass', () => {
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] }), destinationRule('reviews', 'shop', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] })]);
  });

  test('a route destination without host is reported at the missing field, as istioctl\'s IST0106 (the webhook requires it too)', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { subset: 'v1' } }] }] })], { path: 'spec.http[0].route[0].destination.host', istioCode: 'IST0106' });
    expect(d.message).toBe('`host` is required in spec.http[0].route[0].destination but is missing.');
    expect(d.fix).toBe('Add `host` to spec.http[0].route[0].destination.');
  });

  test('a subset without a name is reported', () => {
    one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', subsets: [{ labels: { version: 'v1' } }] })], { path: 'spec.subsets[0].name', istioCode: 'IST0106' });
  });

  test('a required field the webhook does not check carries no istioctl code (EnvoyFilter targetRefs, Telemetry formatter tags)', () => {
    const ef = { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter', metadata: { name: 'ef', namespace: 'shop' }, spec: { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io' }] } };
    one(rule, [ef], { path: 'spec.targetRefs[0].name' });
    const telemetry = { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 't', namespace: 'shop' }, spec: { tracing: [{ customTags: { a: { formatter: {} } } }] } };
    one(rule, [telemetry], { path: 'spec.tracing[0].customTags.a.formatter.value' });
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

  test('a Gateway without metadata.name is istioctl\'s IST0106 (the webhook checks Gateway names; other kinds\' it does not)', () => {
    const gw = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { namespace: 'shop' }, spec: { servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } };
    one(rule, [gw], { path: 'metadata.name', istioCode: 'IST0106' });
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
    expect(widgetIssues(rule, { c: 'x' })).toEqual(['schema-required-field spec: spec needs one of `a` or `b`.']);
    expect(widgetIssues(rule, { a: 'x', c: 'x' })).toEqual([]);
  });

  test('an anyOf of required alternatives needs at least one', () => {
    expect(widgetIssues(rule, { a: 'x' })).toEqual(['schema-required-field spec: spec needs at least one of `c` or `d`.']);
    expect(widgetIssues(rule, { a: 'x', c: 'x', d: 'y' })).toEqual([]);
  });
});
