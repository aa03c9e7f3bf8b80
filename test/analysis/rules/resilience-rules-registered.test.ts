import { deployment, destinationRule, service, subset, to, virtualService } from './fixtures';
import { analyzeSources } from '../../../src/analysis/engine';
import { ALL_RULES } from '../../../src/analysis/rules';

const IDS: Record<string, [string, string | undefined]> = {
  'virtualservice-invalid-duration': ['error', 'IST0106'],
  'virtualservice-invalid-retries': ['error', 'IST0106'],
  'virtualservice-invalid-retry-on': ['error', 'IST0106'],
  'virtualservice-invalid-fault': ['error', 'IST0106'],
  'virtualservice-invalid-abort-status': ['error', 'IST0106'],
  'virtualservice-abort-without-error-type': ['warning', 'IST0133'],
  'virtualservice-invalid-percentage': ['error', 'IST0106'],
  'virtualservice-deprecated-field': ['warning', 'IST0133'],
  'virtualservice-invalid-header-name': ['error', 'IST0106'],
  'virtualservice-invalid-header-value': ['error', 'IST0106'],
  'virtualservice-invalid-regex': ['error', 'IST0122'],
  'virtualservice-empty-prefix-match': ['error', 'IST0106'],
  'virtualservice-invalid-redirect': ['error', 'IST0106'],
  'virtualservice-invalid-direct-response': ['error', 'IST0106'],
  'virtualservice-large-direct-response': ['warning', 'IST0133'],
  'virtualservice-invalid-rewrite': ['error', 'IST0106'],
  'virtualservice-invalid-cors': ['error', 'IST0106'],
  'destinationrule-invalid-duration': ['error', 'IST0106'],
  'destinationrule-invalid-connection-pool': ['error', 'IST0106'],
  'destinationrule-invalid-outlier-detection': ['error', 'IST0106'],
  'destinationrule-invalid-load-balancer': ['error', 'IST0106'],
  'destinationrule-failover-without-outlier-detection': ['warning', 'IST0133'],
  'destinationrule-deprecated-field': ['warning', 'IST0133'],
  'destinationrule-invalid-tls': ['error', 'IST0106'],
  'virtualservice-retries-exceed-timeout': ['warning', undefined],
  'destinationrule-subset-policy-unused': ['warning', undefined],
  'destinationrule-consistent-hash-with-weighted-split': ['warning', undefined],
  'destinationrule-outlier-ejects-single-replica': ['warning', undefined],
};

const RESILIENCE_RULES = ALL_RULES.filter((r) => r.id in IDS);

describe('traffic-resilience rules in ALL_RULES', () => {
  test.each(Object.entries(IDS))('%s is registered with its severity and istio code', (id, [severity, code]) => {
    const rule = ALL_RULES.find((r) => r.id === id);
    expect(rule).toBeDefined();
    expect(rule!.severity).toBe(severity);
    expect(rule!.istioCode).toBe(code);
    expect(rule!.summary.length).toBeGreaterThan(20);
    expect(rule!.summary).not.toContain('|');
  });

  test('the resilience group holds exactly these rules, each once', () => {
    expect(RESILIENCE_RULES.map((r) => r.id).sort()).toEqual(Object.keys(IDS).sort());
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });

  test('a resilient canary setup raises none of them', () => {
    const v1 = deployment('reviews-v1', { app: 'reviews', version: 'v1' });
    const v2 = deployment('reviews-v2', { app: 'reviews', version: 'v2' });
    const manifests = [
      service('reviews', { app: 'reviews' }),
      { ...v1, spec: { ...v1.spec, replicas: 3 } },
      { ...v2, spec: { ...v2.spec, replicas: 2 } },
      {
        ...destinationRule('reviews', 'reviews', [subset('v1'), { ...subset('v2'), trafficPolicy: { connectionPool: { http: { http1MaxPendingRequests: 10 } } } }]),
      },
      virtualService('reviews', {
        hosts: ['reviews'],
        http: [
          {
            match: [{ headers: { 'x-canary': { exact: 'true' } }, uri: { regex: '^/api/v[0-9]+/.*' } }],
            route: [to('reviews', 'v2')],
            timeout: '10s',
            retries: { attempts: 3, perTryTimeout: '2s', retryOn: 'gateway-error,connect-failure,refused-stream' },
            fault: { delay: { fixedDelay: '100ms', percentage: { value: 0.5 } } },
            headers: { request: { set: { 'x-version': 'v2' } }, response: { add: { 'x-served-by': '%HOSTNAME%' } } },
          },
          {
            route: [to('reviews', 'v1', 90), to('reviews', 'v2', 10)],
            timeout: '5s',
            corsPolicy: { allowOrigins: [{ exact: 'https://shop.example' }], allowMethods: ['GET', 'POST'], maxAge: '24h' },
          },
        ],
      }),
    ];
    const rules = ALL_RULES.filter((r) => r.id in IDS);
    const dr = manifests[3] as any;
    dr.spec.trafficPolicy = {
      connectionPool: { tcp: { maxConnections: 100, connectTimeout: '30ms' }, http: { http2MaxRequests: 1000, idleTimeout: '1h' } },
      outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
      loadBalancer: { simple: 'LEAST_REQUEST', localityLbSetting: { failover: [{ from: 'us-east', to: 'us-west' }] } },
      tls: { mode: 'ISTIO_MUTUAL' },
    };
    expect(analyzeSources(manifests.map((manifest) => ({ manifest })), { rules })).toEqual([]);
  });
});
