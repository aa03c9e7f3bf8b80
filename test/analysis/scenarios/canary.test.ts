/**
 * A canary of `reviews` (v1 and v2 subsets, header route to v2, 90/10 split), as the traffic
 * constructs render it. The routing and resilience rules must stay quiet on it.
 */
import { destinationRule, gatewayWith, httpServer, selecting, service, subset, to, virtualService, workload } from '../../fixtures/manifests';
import { ruleById, run } from '../../fixtures/rules';

/** The rules about routes, subsets and their targets. */
const ROUTING_RULES = [
  'virtualservice-subset-not-found', 'virtualservice-unreachable-route', 'virtualservice-ineffective-match',
  'virtualservice-invalid-weight', 'virtualservice-weights-not-100', 'virtualservice-gateway-not-found',
  'virtualservice-conflicting-mesh-hosts', 'destinationrule-subset-no-pods',
].map(ruleById);

/** The rules about timeouts, retries, faults, headers, CORS and traffic policies. */
const RESILIENCE_RULES = [
  'virtualservice-invalid-duration', 'virtualservice-invalid-retries', 'virtualservice-invalid-retry-on',
  'virtualservice-invalid-fault', 'virtualservice-invalid-abort-status',
  'virtualservice-abort-without-error-type', 'virtualservice-invalid-percentage',
  'virtualservice-deprecated-field', 'virtualservice-invalid-header-name',
  'virtualservice-invalid-header-value', 'virtualservice-invalid-regex', 'virtualservice-empty-prefix-match',
  'virtualservice-invalid-redirect', 'virtualservice-invalid-direct-response',
  'virtualservice-large-direct-response', 'virtualservice-invalid-rewrite', 'virtualservice-invalid-cors',
  'destinationrule-invalid-duration', 'destinationrule-invalid-connection-pool',
  'destinationrule-invalid-outlier-detection', 'destinationrule-invalid-load-balancer',
  'destinationrule-failover-without-outlier-detection', 'destinationrule-deprecated-field',
  'destinationrule-invalid-tls', 'virtualservice-retries-exceed-timeout',
  'destinationrule-subset-policy-unused', 'destinationrule-consistent-hash-with-weighted-split',
  'destinationrule-outlier-ejects-single-replica',
].map(ruleById);

describe('canary of reviews', () => {
  test('a correct canary setup raises no routing finding', () => {
    const manifests = [
      service('reviews', undefined, selecting({ app: 'reviews' })),
      workload('reviews-v1', undefined, { app: 'reviews', version: 'v1' }),
      workload('reviews-v2', undefined, { app: 'reviews', version: 'v2' }),
      destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v1'), subset('v2')] }),
      gatewayWith('public', undefined, httpServer(['*'])),
      virtualService('reviews', undefined, {
        hosts: ['reviews'],
        http: [
          { match: [{ headers: { 'x-canary': { exact: 'true' } } }], route: [to('reviews', 'v2')] },
          { route: [to('reviews', 'v1', 90), to('reviews', 'v2', 10)], mirror: { host: 'reviews', subset: 'v2' } },
        ],
      }),
      virtualService('reviews-public', undefined, {
        hosts: ['reviews.example.com'],
        gateways: ['public'],
        http: [{ route: [to('reviews', 'v1')] }],
      }),
    ];
    expect(run(ROUTING_RULES, manifests)).toEqual([]);
  });

  test('a resilient canary setup (timeouts, retries, fault, headers, CORS, pools, outlier detection) raises no resilience finding', () => {
    const v1 = workload('reviews-v1', undefined, { app: 'reviews', version: 'v1' });
    const v2 = workload('reviews-v2', undefined, { app: 'reviews', version: 'v2' });
    const manifests = [
      service('reviews', undefined, selecting({ app: 'reviews' })),
      { ...v1, spec: { ...v1.spec, replicas: 3 } },
      { ...v2, spec: { ...v2.spec, replicas: 2 } },
      destinationRule('reviews', undefined, {
        host: 'reviews',
        trafficPolicy: {
          connectionPool: { tcp: { maxConnections: 100, connectTimeout: '30ms' }, http: { http2MaxRequests: 1000, idleTimeout: '1h' } },
          outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
          loadBalancer: { simple: 'LEAST_REQUEST', localityLbSetting: { failover: [{ from: 'us-east', to: 'us-west' }] } },
          tls: { mode: 'ISTIO_MUTUAL' },
        },
        subsets: [subset('v1'), { ...subset('v2'), trafficPolicy: { connectionPool: { http: { http1MaxPendingRequests: 10 } } } }],
      }),
      virtualService('reviews', undefined, {
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
    expect(run(RESILIENCE_RULES, manifests)).toEqual([]);
  });
});
