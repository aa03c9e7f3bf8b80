import { check, ROUTE, virtualService } from './helpers';
import { SCHEMA_INVALID_FORMAT } from '../../../src/analysis/rules/schema/schema-invalid-format';

const rule = SCHEMA_INVALID_FORMAT;

function authorizationPolicy(targetRef: Record<string, any>): any {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'allow' }, spec: { targetRef, action: 'ALLOW' } };
}

describe('schema-invalid-format', () => {
  test('values matching their pattern pass', () => {
    expect(check(rule, authorizationPolicy({ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }))).toEqual([]);
  });

  test('a value that does not match the schema pattern is reported', () => {
    const [d] = check(rule, authorizationPolicy({ kind: 'Gate way', name: 'waypoint' }));
    expect(d.path).toBe('spec.targetRef.kind');
    expect(d.message).toBe('spec.targetRef.kind is "Gate way", which does not match the pattern ^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$.');
  });

  test('bytes that are not base64 are reported', () => {
    const [d] = check(rule, virtualService([{ directResponse: { status: 200, body: { bytes: 'not base64!' } } }]));
    expect(d.path).toBe('spec.http[0].directResponse.body.bytes');
    expect(check(rule, virtualService([{ directResponse: { status: 200, body: { bytes: 'aGVsbG8=' } } }]))).toEqual([]);
  });

  test('an invalid object name suggests a DNS name', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.metadata.name = 'Reviews_Route';
    const [d] = check(rule, vs);
    expect(d.path).toBe('metadata.name');
    expect(d.fix).toBe('Use a name such as "reviews-route".');
  });

  test('an invalid namespace is reported', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.metadata.namespace = 'my.shop';
    const [d] = check(rule, vs);
    expect(d.path).toBe('metadata.namespace');
    expect(d.fix).toBe('Use a namespace such as "my-shop".');
  });

  test('invalid label keys and values are reported', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.metadata.labels = { 'Example.com/team': 'a', 'tier': 'front end' };
    expect(check(rule, vs).map((d) => d.path)).toEqual(['metadata.labels["Example.com/team"]', 'metadata.labels.tier']);
  });

  test('valid names, namespaces and labels pass', () => {
    const vs = virtualService([{ route: ROUTE }]);
    vs.metadata.labels = { 'app.kubernetes.io/name': 'reviews', 'version': 'v1.2_rc-1', 'empty': '' };
    expect(check(rule, vs)).toEqual([]);
  });
});
