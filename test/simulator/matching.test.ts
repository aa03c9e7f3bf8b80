/**
 * Route matching as Envoy runs Istio's routes: the first route that matches wins, every condition
 * of a match entry must hold, any entry of a route will do.
 */
import { apiRoutes, shop } from './support';
import { RequestOutcome, RequestSource, RequestTarget } from '../../src';

const web = RequestSource.workload('shop', 'web');
const api = (path = '/') => RequestTarget.url(`http://api${path}`);

/** A route to v2 when `match` holds, else v1; returns the subset a request gets. */
interface Sent {
  readonly path?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
}

function subsetFor(match: string, request: Sent = {}): string | undefined {
  const sim = shop(apiRoutes(`  - match:
${match}
    route:
    - destination: {host: api, subset: v2}
  - route:
    - destination: {host: api, subset: v1}
`));
  const trace = sim.request({ from: web, to: api(request.path ?? '/'), method: request.method, headers: request.headers });
  return trace.destinations[0]?.subset;
}

describe('uri', () => {
  test('prefix /api matches /api/orders', () => {
    expect(subsetFor('    - uri: {prefix: /api}', { path: '/api/orders' })).toBe('v2');
  });

  test('exact /api does not match /api/', () => {
    expect(subsetFor('    - uri: {exact: /api}', { path: '/api/' })).toBe('v1');
  });

  test('the query string is not part of the uri', () => {
    expect(subsetFor('    - uri: {exact: /search}', { path: '/search?q=x' })).toBe('v2');
  });

  test('regex matches the whole path (RE2), not a part of it', () => {
    expect(subsetFor('    - uri: {regex: "/v[0-9]+"}', { path: '/v2/items' })).toBe('v1');
    expect(subsetFor('    - uri: {regex: "/v[0-9]+/.*"}', { path: '/v2/items' })).toBe('v2');
  });

  test('ignoreUriCase makes a prefix match case-insensitive', () => {
    expect(subsetFor('    - uri: {prefix: /API}\n      ignoreUriCase: true', { path: '/api/x' })).toBe('v2');
  });

  test('without ignoreUriCase a prefix match is case-sensitive', () => {
    expect(subsetFor('    - uri: {prefix: /API}', { path: '/api/x' })).toBe('v1');
  });
});

describe('headers, query parameters, method, authority', () => {
  test('a header prefix match', () => {
    expect(subsetFor('    - headers: {user-agent: {prefix: Mozilla}}', { headers: { 'User-Agent': 'Mozilla/5.0' } })).toBe('v2');
  });

  test('an empty header match asks only that the header be present', () => {
    expect(subsetFor('    - headers: {x-canary: {}}', { headers: { 'x-canary': '' } })).toBe('v2');
    expect(subsetFor('    - headers: {x-canary: {}}')).toBe('v1');
  });

  test('withoutHeaders holds when the header is absent', () => {
    expect(subsetFor('    - withoutHeaders: {x-debug: {exact: "1"}}')).toBe('v2');
  });

  test('withoutHeaders fails when the header has the value', () => {
    expect(subsetFor('    - withoutHeaders: {x-debug: {exact: "1"}}', { headers: { 'x-debug': '1' } })).toBe('v1');
  });

  test('a query parameter exact match', () => {
    expect(subsetFor('    - queryParams: {version: {exact: "2"}}', { path: '/?version=2' })).toBe('v2');
  });

  test('method exact POST does not match GET', () => {
    expect(subsetFor('    - method: {exact: POST}')).toBe('v1');
    expect(subsetFor('    - method: {exact: POST}', { method: 'post' })).toBe('v2');
  });

  test('authority matches the Host header', () => {
    expect(subsetFor('    - authority: {exact: api}')).toBe('v2');
  });

  test('every condition of one match entry must hold', () => {
    expect(subsetFor('    - uri: {prefix: /api}\n      method: {exact: POST}', { path: '/api' })).toBe('v1');
  });

  test('any match entry of a route will do', () => {
    expect(subsetFor('    - method: {exact: POST}\n    - uri: {prefix: /api}', { path: '/api' })).toBe('v2');
  });
});

describe('source and port conditions', () => {
  test('sourceLabels match the client pod\'s labels', () => {
    expect(subsetFor('    - sourceLabels: {tier: front}')).toBe('v2');
    expect(subsetFor('    - sourceLabels: {tier: back}')).toBe('v1');
  });

  test('sourceNamespace matches the client\'s namespace', () => {
    expect(subsetFor('    - sourceNamespace: shop')).toBe('v2');
    expect(subsetFor('    - sourceNamespace: other')).toBe('v1');
  });

  test('port matches the port the client addresses', () => {
    expect(subsetFor('    - port: 80')).toBe('v2');
    expect(subsetFor('    - port: 8080')).toBe('v1');
  });

  test('gateways on a match restrict it to those gateways (mesh here)', () => {
    expect(subsetFor('    - gateways: [mesh]')).toBe('v2');
    expect(subsetFor('    - gateways: [shop-gateway]')).toBe('v1');
  });
});

describe('route order and outcomes', () => {
  test('the first matching route wins even when a later one is more specific', () => {
    const sim = shop(apiRoutes(`  - match: [{uri: {prefix: /}}]
    route: [{destination: {host: api, subset: v1}}]
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api, subset: v2}}]
`));
    expect(sim.request({ from: web, to: api('/api') }).destinations[0].subset).toBe('v1');
  });

  test('no matching route gives 404 with the reason of every route', () => {
    const sim = shop(apiRoutes('  - match: [{uri: {prefix: /api}}]\n    route: [{destination: {host: api}}]\n'));
    const trace = sim.request({ from: web, to: api('/other') });
    expect(trace.outcome).toBe(RequestOutcome.NO_ROUTE);
    expect(trace.statusCode).toBe(404);
    expect(trace.unmatched!.skipped[0].reason).toBe('uri prefix "/api", but the path is "/other"');
  });

  test('a redirect route answers with its redirectCode', () => {
    const sim = shop(apiRoutes('  - redirect: {uri: /v2, redirectCode: 308}\n'));
    const trace = sim.request({ from: web, to: api('/v1') });
    expect(trace.outcome).toBe(RequestOutcome.REDIRECTED);
    expect(trace.statusCode).toBe(308);
  });

  test('a redirect without redirectCode answers 301', () => {
    expect(shop(apiRoutes('  - redirect: {uri: /v2}\n')).request({ from: web, to: api() }).statusCode).toBe(301);
  });

  test('a direct response answers with its status', () => {
    const trace = shop(apiRoutes('  - directResponse: {status: 503, body: {string: down}}\n')).request({ from: web, to: api() });
    expect(trace.outcome).toBe(RequestOutcome.DIRECT_RESPONSE);
    expect(trace.statusCode).toBe(503);
  });

  test('a route without retries gets Istio\'s default retry policy (2 attempts)', () => {
    const trace = shop(apiRoutes('  - route: [{destination: {host: api}}]\n')).request({ from: web, to: api() });
    expect(trace.retries).toMatchObject({ attempts: 2, isDefault: true });
  });

  test('retries attempts 0 switch retries off', () => {
    const trace = shop(apiRoutes('  - route: [{destination: {host: api}}]\n    retries: {attempts: 0}\n')).request({ from: web, to: api() });
    expect(trace.retries).toEqual({ attempts: 0, isDefault: false });
  });

  test('timeout, retries, mirror, rewrite and header operations of the route are in the trace', () => {
    const trace = shop(apiRoutes(`  - route: [{destination: {host: api, subset: v1}}]
    timeout: 5s
    retries: {attempts: 3, perTryTimeout: 1s, retryOn: 5xx}
    mirror: {host: api, subset: v2}
    mirrorPercentage: {value: 10}
    rewrite: {uri: /internal}
    headers: {request: {set: {x-route: main}}}
`)).request({ from: web, to: api() });
    expect(trace).toMatchObject({
      timeout: '5s',
      retries: { attempts: 3, perTryTimeout: '1s', retryOn: '5xx', isDefault: false },
      mirrors: [{ host: 'api.shop.svc.cluster.local', subset: 'v2', percentage: 10 }],
      rewrite: { uri: '/internal' },
      headerOperations: { request: { set: { 'x-route': 'main' } } },
    });
  });

  test('a subset no DestinationRule defines fails the connection (503)', () => {
    const trace = shop(apiRoutes('  - route: [{destination: {host: api, subset: v3}}]\n')).request({ from: web, to: api() });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
    expect(trace.summary).toContain('subset v3');
  });
});

describe('destinations', () => {
  test('a destination host that no Service of its namespace declares fails (503, no cluster)', () => {
    const trace = shop(apiRoutes('  - route: [{destination: {host: api-v9}}]\n')).request({ from: web, to: api() });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
    expect(trace.summary).toContain('no Service or ServiceEntry of the input declares api-v9.shop.svc.cluster.local');
  });

  test('a destination in a namespace the input does not show is assumed to exist, with a note', () => {
    const trace = shop(apiRoutes('  - route: [{destination: {host: ledger.finance.svc.cluster.local}}]\n')).request({ from: web, to: api() });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.notes[0]).toContain('ledger.finance.svc.cluster.local is not declared in the input');
  });
});
