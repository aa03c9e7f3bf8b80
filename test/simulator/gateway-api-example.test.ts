/**
 * examples/gateway-api, simulated in both renderings: the Gateway API (GAMMA HTTPRoutes and
 * per-version Services) and Istio's API (a VirtualService with subsets) route the same requests
 * to the same version's pods.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MeshSimulator, RequestOutcome, RequestSource, RequestTarget, RequestTrace, RoutingApi } from '../../src';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build } = require('../../examples/gateway-api/app');

function simulator(routingApi?: RoutingApi): MeshSimulator {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-simgw-'));
  return MeshSimulator.fromApp(routingApi ? build(outdir, routingApi) : build(outdir));
}

/** Where the requests go: the workload serving each destination and its share. */
function served(trace: RequestTrace): Array<[string | undefined, number]> {
  return trace.destinations.map((d) => [d.server?.workload?.name, d.share]);
}

describe('examples/gateway-api in both renderings', () => {
  const gatewayApi = simulator();
  const istio = simulator(RoutingApi.ISTIO);
  const from = RequestSource.serviceAccount('bookinfo', 'default');
  const to = RequestTarget.url('http://reviews:9080/');
  const reviewsV1 = gatewayApi.request({ from, to: RequestTarget.url('http://reviews-v1:9080/') }).destinations[0].server!.workload!.name;
  const reviewsV2 = gatewayApi.request({ from, to: RequestTarget.url('http://reviews-v2:9080/') }).destinations[0].server!.workload!.name;

  test('the Gateway API rendering routes reviews through the HTTPRoute, the Istio one through the VirtualService', () => {
    expect(gatewayApi.request({ from, to }).route!.virtualService.kind).toBe('HTTPRoute');
    expect(istio.request({ from, to }).route!.virtualService.kind).toBe('VirtualService');
  });

  test.each(['/', '/reviews/0', '/health', '/reviews/0?debug=1'])('jason gets the v2 pods on %s in both', (p) => {
    for (const sim of [gatewayApi, istio]) {
      const trace = sim.request({ from, to, path: p, headers: { 'end-user': 'jason' } });
      expect(trace.outcome).toBe(RequestOutcome.ROUTED);
      expect(served(trace)).toEqual([[reviewsV2, 100]]);
    }
  });

  test.each(['/', '/reviews/0', '/health'])('everyone else is split 90/10 between the v1 and v2 pods on %s in both', (p) => {
    for (const sim of [gatewayApi, istio]) {
      const trace = sim.request({ from, to, path: p, headers: { 'end-user': 'bill' } });
      expect(trace.outcome).toBe(RequestOutcome.ROUTED);
      expect(served(trace)).toEqual([[reviewsV1, 90], [reviewsV2, 10]]);
    }
  });

  test('a request without end-user takes the same split, timeout and retries in both', () => {
    const [g, i] = [gatewayApi, istio].map((sim) => sim.request({ from, to }));
    expect(served(g)).toEqual(served(i));
    expect(g.timeout).toBe('3s');
    expect(i.timeout).toBe('3s');
    expect([g.retries!.attempts, g.retries!.perTryTimeout]).toEqual([i.retries!.attempts, i.retries!.perTryTimeout]);
  });

  test('the v1 and v2 pods are different workloads', () => {
    expect(reviewsV1).not.toEqual(reviewsV2);
  });

  test('https://bookinfo.example.com through the example\'s Gateway API Gateway reaches productpage on listener https-443', () => {
    const trace = gatewayApi.request({ from: RequestSource.viaGateway('bookinfo', 'bookinfo-gateway'), to: RequestTarget.url('https://bookinfo.example.com/productpage') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.listener).toMatchObject({ name: 'https-443', protocol: 'HTTPS', hostname: 'bookinfo.example.com' });
    expect(trace.route!.virtualService).toEqual({ kind: 'HTTPRoute', namespace: 'bookinfo', name: 'productpage-bookinfo-gateway' });
    expect(trace.destinations.map((d) => [d.host, d.port])).toEqual([['productpage.bookinfo.svc.cluster.local', 9080]]);
    expect(trace.destinations[0].server!.workload!.name).toContain('productpage');
  });

  test('http://bookinfo.example.com through the example\'s Gateway API Gateway is redirected to https by the http-80 listener\'s route', () => {
    const trace = gatewayApi.request({ from: RequestSource.viaGateway('bookinfo', 'bookinfo-gateway'), to: RequestTarget.url('http://bookinfo.example.com/productpage') });
    expect(trace.listener!.name).toBe('http-80');
    expect(trace.outcome).toBe(RequestOutcome.REDIRECTED);
    expect(trace.statusCode).toBe(301);
  });
});
