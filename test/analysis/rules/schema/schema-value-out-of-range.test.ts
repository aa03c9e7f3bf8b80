import { ROUTE, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const SCHEMA_VALUE_OUT_OF_RANGE = ruleById('schema-value-out-of-range');

const rule = SCHEMA_VALUE_OUT_OF_RANGE;
function gateway(server: Record<string, any>): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'ingress' },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], ...server }] },
  };
}

describe('schema-value-out-of-range', () => {
  test('values within their bounds pass', () => {
    none(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN', warmup: { duration: '10s', minimumPercent: 10 } } } } })]);
    none(rule, [gateway({ tls: { mode: 'SIMPLE', credentialNames: ['a', 'b'] } })]);
  });

  test('a number above its maximum is reported with the range, as istioctl\'s IST0106 where the webhook checks it too', () => {
    const d = one(rule, [destinationRule('reviews', 'shop', { host: 'reviews', ...{ trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN', warmup: { duration: '10s', minimumPercent: 150 } } } } })], { path: 'spec.trafficPolicy.loadBalancer.warmup.minimumPercent', istioCode: 'IST0106' });
    expect(d.message).toBe('spec.trafficPolicy.loadBalancer.warmup.minimumPercent is 150, above the allowed range (≥ 0 and ≤ 100).');
    expect(d.fix).toBe('Use a value ≥ 0 and ≤ 100.');
  });

  test('an empty Telemetry provider name is istioctl\'s IST0106; an empty JWT issuer, which only the CRD schema refuses, has no code', () => {
    const telemetry = { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 't', namespace: 'shop' }, spec: { accessLogging: [{ providers: [{ name: '' }] }] } };
    one(rule, [telemetry], { path: 'spec.accessLogging[0].providers[0].name', istioCode: 'IST0106' });
    const ra = { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name: 'jwt', namespace: 'shop' }, spec: { jwtRules: [{ issuer: '' }] } };
    one(rule, [ra], { path: 'spec.jwtRules[0].issuer' });
  });

  test('a negative port is below its minimum (istioctl cannot even read it: no code)', () => {
    const d = one(rule, [gateway({ port: { number: -1, name: 'http', protocol: 'HTTP' } })], { path: 'spec.servers[0].port.number' });
    expect(d.message).toMatch(/is -1, below the allowed range/);
  });

  test('an int32 field cannot exceed 2147483647', () => {
    const d = one(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight: 3000000000 }] }] })], { path: 'spec.http[0].route[0].weight' });
    expect(d.message).toMatch(/≤ 2147483647/);
  });

  test('too many list entries are reported', () => {
    const d = one(rule, [gateway({ tls: { mode: 'SIMPLE', credentialNames: ['a', 'b', 'c'] } })], { path: 'spec.servers[0].tls.credentialNames' });
    expect(d.message).toBe('spec.servers[0].tls.credentialNames has 3 entries; at most 2 are allowed.');
  });

  test('an empty list where entries are required is reported', () => {
    const se = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'ext' }, spec: { hosts: [], resolution: 'DNS' } };
    const d = one(rule, [se], { path: 'spec.hosts' });
    expect(d.message).toBe('spec.hosts has 0 entries; at least 1 is required.');
    expect(d.fix).toBe('Add an entry, or leave the field out.');
  });

  test('a string longer than maxLength is reported', () => {
    const sidecar = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 's' }, spec: { workloadSelector: { labels: { app: 'x'.repeat(64) } } } };
    const d = one(rule, [sidecar], { path: 'spec.workloadSelector.labels.app' });
    expect(d.message).toBe('spec.workloadSelector.labels.app is 64 characters long; at most 63 are allowed.');
  });

  test('an empty map where entries are required is reported', () => {
    const pa = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'p' }, spec: { selector: { matchLabels: { app: 'x' } }, portLevelMtls: {} } };
    one(rule, [pa], { path: 'spec.portLevelMtls' });
  });

  test('a route without bounds on its fields has nothing to report', () => {
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, timeout: '1s' }] })]);
  });
});
