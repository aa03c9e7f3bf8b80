import { destinationRule } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const SCHEMA_INVALID_ENUM = ruleById('schema-invalid-enum');

const rule = SCHEMA_INVALID_ENUM;
function peerAuthentication(mode: string): any {
  return { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode } } };
}

describe('schema-invalid-enum', () => {
  test('an allowed value passes', () => {
    none(rule, [peerAuthentication('STRICT')]);
  });

  test('a value that differs only by case suggests the upper-case value', () => {
    const d = one(rule, [peerAuthentication('strict')], { path: 'spec.mtls.mode' });
    expect(d.message).toBe('spec.mtls.mode is "strict", which is not one of the allowed values: UNSET, DISABLE, PERMISSIVE, STRICT. Values are case-sensitive.');
    expect(d.fix).toBe('Write STRICT.');
  });

  test('a misspelt value suggests the closest one', () => {
    const d = one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBBIN' } } } })], { path: 'spec.trafficPolicy.loadBalancer.simple' });
    expect(d.message).toMatch(/Did you mean ROUND_ROBIN\?$/);
    expect(d.fix).toBe('Write ROUND_ROBIN.');
  });

  test('an unrelated value lists the allowed values', () => {
    const d = one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { tls: { mode: 'TLS13' } } } })], { path: 'spec.trafficPolicy.tls.mode' });
    expect(d.fix).toBe('Use one of: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL.');
  });
});
