/**
 * Mesh routing through GAMMA HTTPRoutes (parentRefs naming a Service), on Bookinfo with a
 * Service per reviews version.
 */
import { bookinfo } from './support';
import { RequestOutcome, RequestSource, RequestTarget, RequestTrace } from '../../src';

const VERSION_SERVICES = ['v1', 'v2', 'v3'].map((v) => `apiVersion: v1
kind: Service
metadata: {name: reviews-${v}}
spec:
  ports: [{port: 9080, name: http}]
  selector: {app: reviews, version: ${v}}
`).join('---\n');

function route(rules: string, parentRef = '{group: "", kind: Service, name: reviews}', name = 'reviews', namespace = 'default'): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  parentRefs: [${parentRef}]
  rules:
${rules}`;
}

const from = RequestSource.serviceAccount('default', 'bookinfo-productpage');
const to = RequestTarget.url('http://reviews:9080/');

function hosts(trace: RequestTrace): Array<[string, number]> {
  return trace.destinations.map((d) => [d.host.split('.')[0], d.share]);
}

describe('GAMMA HTTPRoutes at a sidecar', () => {
  test('backendRef weights are shares of the per-version Services, whose pods serve them', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - backendRefs:
    - {name: reviews-v1, port: 9080, weight: 3}
    - {name: reviews-v3, port: 9080, weight: 1}
`));
    const trace = sim.request({ from, to });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(hosts(trace)).toEqual([['reviews-v1', 75], ['reviews-v3', 25]]);
    expect(trace.destinations.map((d) => d.server?.workload?.name)).toEqual(['reviews-v1', 'reviews-v3']);
  });

  test('the trace names the HTTPRoute, the rule and the match that took the request', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - name: api
    matches: [{path: {type: PathPrefix, value: /api}}, {path: {type: Exact, value: /v2}}]
    backendRefs: [{name: reviews-v2, port: 9080}]
`));
    const trace = sim.request({ from, to, path: '/v2' });
    expect(trace.route).toMatchObject({ virtualService: { kind: 'HTTPRoute', namespace: 'default', name: 'reviews' }, kind: 'http', index: 0, name: 'api', matchIndex: 1, boundTo: 'mesh' });
    expect(trace.summary).toContain('rule "api" of HTTPRoute default/reviews');
  });

  test('the most specific match wins across rules, not the first rule', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - matches: [{path: {type: PathPrefix, value: /}}]
    backendRefs: [{name: reviews-v1, port: 9080}]
  - matches: [{path: {type: PathPrefix, value: /ratings}}]
    backendRefs: [{name: reviews-v2, port: 9080}]
  - matches: [{path: {type: PathPrefix, value: /ratings}, headers: [{name: end-user, value: jason}]}]
    backendRefs: [{name: reviews-v3, port: 9080}]
`));
    expect(hosts(sim.request({ from, to, path: '/ratings/1' }))).toEqual([['reviews-v2', 100]]);
    expect(hosts(sim.request({ from, to, path: '/ratings/1', headers: { 'end-user': 'jason' } }))).toEqual([['reviews-v3', 100]]);
    expect(hosts(sim.request({ from, to, path: '/other' }))).toEqual([['reviews-v1', 100]]);
  });

  test('an Exact path outranks a longer prefix', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - matches: [{path: {type: PathPrefix, value: /reviews/long-prefix}}]
    backendRefs: [{name: reviews-v1, port: 9080}]
  - matches: [{path: {type: Exact, value: /reviews/long-prefix}}]
    backendRefs: [{name: reviews-v2, port: 9080}]
`));
    expect(hosts(sim.request({ from, to, path: '/reviews/long-prefix' }))).toEqual([['reviews-v2', 100]]);
  });

  test('a PathPrefix matches whole path segments only', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: reviews-v2, port: 9080}]
`));
    expect(sim.request({ from, to, path: '/api/x' }).outcome).toBe(RequestOutcome.ROUTED);
    const trace = sim.request({ from, to, path: '/apix' });
    expect(trace.outcome).toBe(RequestOutcome.NO_ROUTE);
    expect(trace.statusCode).toBe(404);
    expect(trace.unmatched!.virtualService.kind).toBe('HTTPRoute');
    expect(trace.unmatched!.skipped[0].reason).toContain('by whole segments');
  });

  test('method, query parameter and regex header matches', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - matches: [{method: POST, queryParams: [{name: beta, value: "1"}], headers: [{name: x-user, type: RegularExpression, value: "j.*"}]}]
    backendRefs: [{name: reviews-v3, port: 9080}]
  - backendRefs: [{name: reviews-v1, port: 9080}]
`));
    expect(hosts(sim.request({ from, to, method: 'POST', path: '/?beta=1', headers: { 'x-user': 'jason' } }))).toEqual([['reviews-v3', 100]]);
    expect(hosts(sim.request({ from, to, method: 'GET', path: '/?beta=1', headers: { 'x-user': 'jason' } }))).toEqual([['reviews-v1', 100]]);
    expect(hosts(sim.request({ from, to, method: 'POST', path: '/?beta=1', headers: { 'x-user': 'bill' } }))).toEqual([['reviews-v1', 100]]);
  });

  test('the rule timeout and retry become the trace timeout and retries', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - timeouts: {request: 5s, backendRequest: 2s}
    retry: {attempts: 4, codes: [503]}
    backendRefs: [{name: reviews-v1, port: 9080}]
`));
    const trace = sim.request({ from, to });
    expect(trace.timeout).toBe('5s');
    expect(trace.retries).toMatchObject({ attempts: 4, perTryTimeout: '2s', isDefault: false });
  });

  test('between equally specific rules of two routes, the older route wins', () => {
    const older = route(`  - backendRefs: [{name: reviews-v2, port: 9080}]
`, undefined, 'older').replace('metadata: {name: older, namespace: default}', 'metadata: {name: older, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z"}');
    const newer = route(`  - backendRefs: [{name: reviews-v3, port: 9080}]
`, undefined, 'newer').replace('metadata: {name: newer, namespace: default}', 'metadata: {name: newer, namespace: default, creationTimestamp: "2025-01-01T00:00:00Z"}');
    const trace = bookinfo(VERSION_SERVICES, newer, older).request({ from, to });
    expect(trace.route!.virtualService.name).toBe('older');
    expect(hosts(trace)).toEqual([['reviews-v2', 100]]);
  });

  test('a rule whose backendRefs all weigh 0 answers 500', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - backendRefs: [{name: reviews-v1, port: 9080, weight: 0}]
`));
    const trace = sim.request({ from, to });
    expect(trace.outcome).toBe(RequestOutcome.DIRECT_RESPONSE);
    expect(trace.statusCode).toBe(500);
  });

  test('a parentRef port limits the route to requests to that port', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - backendRefs: [{name: reviews-v3, port: 9080}]
`, '{group: "", kind: Service, name: reviews, port: 9999}'));
    const trace = sim.request({ from, to });
    expect(trace.route).toBeUndefined();
    expect(trace.destinations[0].host).toBe('reviews.default.svc.cluster.local');
  });

  test('a route whose parent is a Gateway does not route sidecar traffic', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - backendRefs: [{name: reviews-v3, port: 9080}]
`, '{kind: Gateway, name: reviews}'));
    expect(sim.request({ from, to }).route).toBeUndefined();
  });

  test('a consumer route applies only to clients of its own namespace', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - backendRefs: [{name: reviews-v3, namespace: default, port: 9080}]
`, '{group: "", kind: Service, name: reviews, namespace: default}', 'reviews-for-shop', 'shop'));
    expect(hosts(sim.request({ from: RequestSource.serviceAccount('shop', 'default'), to: RequestTarget.url('http://reviews.default:9080/') }))).toEqual([['reviews-v3', 100]]);
    expect(sim.request({ from, to }).route).toBeUndefined();
  });

  test('a VirtualService for the same host is followed, with a note', () => {
    const sim = bookinfo(VERSION_SERVICES, route(`  - backendRefs: [{name: reviews-v3, port: 9080}]
`), `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
`);
    const trace = sim.request({ from, to });
    expect(trace.route!.virtualService.kind).toBe('VirtualService');
    expect(trace.notes.join(' ')).toContain('HTTPRoutes default/reviews and VirtualService default/reviews both claim');
  });
});
