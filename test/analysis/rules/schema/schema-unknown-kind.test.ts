import { ROUTE, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('schema-unknown-kind');

describe('schema-unknown-kind', () => {
  test('known kinds pass', () => {
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] }), destinationRule('reviews', 'shop', { host: 'reviews' })]);
  });

  test('a misspelt kind suggests the kind of the group', () => {
    const d = one(rule, [{ ...destinationRule('reviews', 'shop', { host: 'reviews' }), kind: 'DestinationRules' }], { path: 'kind' });
    expect(d.message).toBe('networking.istio.io has no kind DestinationRules. Did you mean DestinationRule?');
    expect(d.fix).toBe('Set kind to DestinationRule.');
  });

  test('a kind of another Istio group names that group', () => {
    const pa = { apiVersion: 'networking.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default' }, spec: {} };
    const [d] = run(rule, [pa]);
    expect(d.message).toBe('networking.istio.io has no kind PeerAuthentication. PeerAuthentication belongs to security.istio.io.');
    expect(d.fix).toBe('Set apiVersion to security.istio.io/v1.');
  });

  test('an unrelated kind lists the kinds of the group', () => {
    const [d] = run(rule, [{ apiVersion: 'telemetry.istio.io/v1', kind: 'Tracing', metadata: { name: 'x' } }]);
    expect(d.fix).toBe('Use one of the kinds of telemetry.istio.io: Telemetry.');
  });

  test('kinds of non-Istio groups are not checked', () => {
    none(rule, [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'x' } }]);
  });
});
