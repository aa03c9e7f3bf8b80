import { check, destinationRule, ROUTE, virtualService } from './helpers';
import { ALL_RULES } from '../../../src/analysis/rules';
import { SCHEMA_UNKNOWN_API_VERSION } from '../../../src/analysis/rules/schema/schema-unknown-api-version';
import { SCHEMA_UNKNOWN_KIND } from '../../../src/analysis/rules/schema/schema-unknown-kind';

const SCHEMA_RULES = ALL_RULES.filter((r) => r.id.startsWith('schema-') && r.id !== 'schema-cel-validation');

describe('schema-unknown-api-version', () => {
  const rule = SCHEMA_UNKNOWN_API_VERSION;

  test('every served version passes', () => {
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) {
      expect(check(rule, { ...virtualService([{ route: ROUTE }]), apiVersion: `networking.istio.io/${v}` })).toEqual([]);
    }
  });

  test('an unserved version lists the served ones', () => {
    const [d] = check(rule, { ...destinationRule({}), apiVersion: 'networking.istio.io/v1alpha1' });
    expect(d.path).toBe('apiVersion');
    expect(d.message).toBe('DestinationRule is not served at networking.istio.io/v1alpha1; the networking.istio.io versions served for DestinationRule are `v1`, `v1alpha3` and `v1beta1`.');
    expect(d.fix).toBe('Set apiVersion to networking.istio.io/v1.');
  });

  test('an object with an unserved version is not checked field by field', () => {
    const vs = { ...virtualService([{ route: ROUTE, retry: {} }]), apiVersion: 'networking.istio.io/v2' };
    expect(check(SCHEMA_RULES, vs).map((d) => d.ruleId)).toEqual(['schema-unknown-api-version']);
  });
});

describe('schema-unknown-kind', () => {
  const rule = SCHEMA_UNKNOWN_KIND;

  test('known kinds pass', () => {
    expect(check(rule, virtualService([{ route: ROUTE }]), destinationRule({}))).toEqual([]);
  });

  test('a misspelt kind suggests the kind of the group', () => {
    const [d] = check(rule, { ...destinationRule({}), kind: 'DestinationRules' });
    expect(d.path).toBe('kind');
    expect(d.message).toBe('networking.istio.io has no kind DestinationRules. Did you mean DestinationRule?');
    expect(d.fix).toBe('Set kind to DestinationRule.');
  });

  test('a kind of another Istio group names that group', () => {
    const pa = { apiVersion: 'networking.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default' }, spec: {} };
    const [d] = check(rule, pa);
    expect(d.message).toBe('networking.istio.io has no kind PeerAuthentication. PeerAuthentication belongs to security.istio.io.');
    expect(d.fix).toBe('Set apiVersion to security.istio.io/v1.');
  });

  test('an unrelated kind lists the kinds of the group', () => {
    const [d] = check(rule, { apiVersion: 'telemetry.istio.io/v1', kind: 'Tracing', metadata: { name: 'x' } });
    expect(d.fix).toBe('Use one of the kinds of telemetry.istio.io: Telemetry.');
  });

  test('kinds of non-Istio groups are not checked', () => {
    expect(check(rule, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'x' } })).toEqual([]);
  });
});
