import { check, destinationRule, ROUTE, virtualService } from './helpers';
import { SCHEMA_VALUE_OUT_OF_RANGE } from '../../../src/analysis/rules/schema/schema-value-out-of-range';

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
    expect(check(rule, destinationRule({ trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN', warmup: { duration: '10s', minimumPercent: 10 } } } }))).toEqual([]);
    expect(check(rule, gateway({ tls: { mode: 'SIMPLE', credentialNames: ['a', 'b'] } }))).toEqual([]);
  });

  test('a number above its maximum is reported with the range', () => {
    const [d] = check(rule, destinationRule({ trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN', warmup: { duration: '10s', minimumPercent: 150 } } } }));
    expect(d.path).toBe('spec.trafficPolicy.loadBalancer.warmup.minimumPercent');
    expect(d.message).toBe('spec.trafficPolicy.loadBalancer.warmup.minimumPercent is 150, above the allowed range (≥ 0 and ≤ 100).');
    expect(d.fix).toBe('Use a value ≥ 0 and ≤ 100.');
  });

  test('a negative port is below its minimum', () => {
    const [d] = check(rule, gateway({ port: { number: -1, name: 'http', protocol: 'HTTP' } }));
    expect(d.path).toBe('spec.servers[0].port.number');
    expect(d.message).toMatch(/is -1, below the allowed range/);
  });

  test('an int32 field cannot exceed 2147483647', () => {
    const [d] = check(rule, virtualService([{ route: [{ destination: { host: 'reviews' }, weight: 3000000000 }] }]));
    expect(d.path).toBe('spec.http[0].route[0].weight');
    expect(d.message).toMatch(/≤ 2147483647/);
  });

  test('too many list entries are reported', () => {
    const [d] = check(rule, gateway({ tls: { mode: 'SIMPLE', credentialNames: ['a', 'b', 'c'] } }));
    expect(d.path).toBe('spec.servers[0].tls.credentialNames');
    expect(d.message).toBe('spec.servers[0].tls.credentialNames has 3 entries; at most 2 are allowed.');
  });

  test('an empty list where entries are required is reported', () => {
    const se = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'ext' }, spec: { hosts: [], resolution: 'DNS' } };
    const [d] = check(rule, se);
    expect(d.path).toBe('spec.hosts');
    expect(d.message).toBe('spec.hosts has 0 entries; at least 1 is required.');
    expect(d.fix).toBe('Add an entry, or leave the field out.');
  });

  test('a string longer than maxLength is reported', () => {
    const sidecar = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 's' }, spec: { workloadSelector: { labels: { app: 'x'.repeat(64) } } } };
    const [d] = check(rule, sidecar);
    expect(d.path).toBe('spec.workloadSelector.labels.app');
    expect(d.message).toBe('spec.workloadSelector.labels.app is 64 characters long; at most 63 are allowed.');
  });

  test('an empty map where entries are required is reported', () => {
    const pa = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'p' }, spec: { selector: { matchLabels: { app: 'x' } }, portLevelMtls: {} } };
    const [d] = check(rule, pa);
    expect(d.path).toBe('spec.portLevelMtls');
  });

  test('a route without bounds on its fields has nothing to report', () => {
    expect(check(rule, virtualService([{ route: ROUTE, timeout: '1s' }]))).toEqual([]);
  });
});
