import { Severity } from '../../../../src/analysis/diagnostic';
import { ROUTE, service, virtualService } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const SCHEMA_INVALID_FORMAT = ruleById('schema-invalid-format');

const rule = SCHEMA_INVALID_FORMAT;
function authorizationPolicy(targetRef: Record<string, any>): any {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'allow' }, spec: { targetRef, action: 'ALLOW' } };
}

describe('schema-invalid-format', () => {
  test('values matching their pattern pass', () => {
    none(rule, [authorizationPolicy({ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' })]);
  });

  test('a value that does not match the schema pattern is reported (a targetRef kind the webhook refuses too: IST0106)', () => {
    const d = one(rule, [authorizationPolicy({ kind: 'Gate way', name: 'waypoint' })], { path: 'spec.targetRef.kind', severity: Severity.ERROR, istioCode: 'IST0106' });
    expect(d.message).toBe('spec.targetRef.kind is "Gate way", which does not match the pattern ^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$.');
  });

  test('bytes that are not base64 are reported', () => {
    one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ directResponse: { status: 200, body: { bytes: 'not base64!' } } }] })], { path: 'spec.http[0].directResponse.body.bytes' });
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ directResponse: { status: 200, body: { bytes: 'aGVsbG8=' } } }] })]);
  });

  test('an invalid object name is a warning (kubectl rejects it, istioctl accepts it) and suggests a DNS name', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata.name = 'Reviews_Route';
    const d = one(rule, [vs], { path: 'metadata.name', severity: Severity.WARNING });
    expect(d.fix).toBe('Use a name such as "reviews-route".');
  });

  test('an invalid Gateway name carries istioctl\'s IST0106: Istio\'s webhook checks Gateway names (and only theirs)', () => {
    const gw = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'Bad_Name', namespace: 'shop' }, spec: { servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } };
    one(rule, [gw], { path: 'metadata.name', severity: Severity.WARNING, istioCode: 'IST0106' });
  });

  test('an invalid namespace, such as an unexpanded ${VAR} placeholder, is a warning', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata.namespace = '${ISTIO_NAMESPACE}';
    one(rule, [vs], { path: 'metadata.namespace', severity: Severity.WARNING });
  });

  test('an invalid namespace suggests a DNS label', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata.namespace = 'my.shop';
    const d = one(rule, [vs], { path: 'metadata.namespace', severity: Severity.WARNING });
    expect(d.fix).toBe('Use a namespace such as "my-shop".');
  });

  test('invalid label keys and values are reported', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata.labels = { 'Example.com/team': 'a', 'tier': 'front end' };
    many(rule, [vs], ['metadata.labels["Example.com/team"]', 'metadata.labels.tier'], { severity: Severity.WARNING });
  });

  test('a Service appProtocol that is not a qualified name is an error (Kubernetes rejects the Service)', () => {
    const svc = service('api', 'shop', { selector: { app: 'api' }, ports: [{ port: 80, appProtocol: '-1' }] });
    one(rule, [svc], { path: 'spec.ports[0].appProtocol', severity: Severity.ERROR });
  });

  test('Service appProtocol values Kubernetes accepts pass, Istio protocol names or not', () => {
    none(rule, [service('api', 'shop', { selector: { app: 'api' }, ports: [{ port: 80, appProtocol: 'http' }, { port: 81, appProtocol: 'kubernetes.io/h2c' }, { port: 82, appProtocol: 'abc' }] })]);
  });

  test('valid names, namespaces and labels pass', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] });
    vs.metadata.labels = { 'app.kubernetes.io/name': 'reviews', 'version': 'v1.2_rc-1', 'empty': '' };
    none(rule, [vs]);
  });
});
