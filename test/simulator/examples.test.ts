/**
 * The examples, simulated from their cdk8s apps: what their comments promise holds for requests.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { MeshSimulator, RequestOutcome, RequestSource, RequestTarget } from '../../src';

function example(name: string): MeshSimulator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const app: App = require(path.join(__dirname, '../../examples', name, 'app.ts')).build(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-sim-')));
  return MeshSimulator.fromApp(app);
}

describe('examples/canary', () => {
  const sim = example('canary');
  const from = RequestSource.serviceAccount('shop', 'default');
  const to = RequestTarget.url('http://reviews:9080/');

  test('the test user jason always gets reviews v2', () => {
    const trace = sim.request({ from, to, headers: { 'end-user': 'jason' } });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.destinations.map((d) => [d.subset, d.share])).toEqual([['v2', 100]]);
  });

  test('everyone else is split 90/10 between v1 and v2', () => {
    const trace = sim.request({ from, to, headers: { 'end-user': 'bill' } });
    expect(trace.destinations.map((d) => [d.subset, d.share])).toEqual([['v1', 90], ['v2', 10]]);
    expect(trace.route!.skipped).toHaveLength(1);
  });
});

describe('examples/zero-trust', () => {
  const sim = example('zero-trust');
  const frontend = RequestSource.serviceAccount('zero-trust', 'frontend');
  const backendApi = RequestTarget.url('http://backend.zero-trust:9090/api/orders');

  test('the frontend may GET /api/* on the backend', () => {
    const trace = sim.request({ from: frontend, to: backendApi });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.authorization!.decision).toBe('ALLOW');
    expect(trace.tls).toEqual({ client: 'ISTIO_MUTUAL', server: 'STRICT' });
  });

  test('the frontend may not DELETE on the backend', () => {
    const trace = sim.request({ from: frontend, to: backendApi, method: 'DELETE' });
    expect(trace.outcome).toBe(RequestOutcome.DENIED);
    expect(trace.statusCode).toBe(403);
  });

  test('the backend does not take requests from another service account', () => {
    const trace = sim.request({ from: RequestSource.serviceAccount('zero-trust', 'backend'), to: backendApi });
    expect(trace.outcome).toBe(RequestOutcome.DENIED);
  });

  test('a client without sidecar cannot connect to the backend (STRICT mTLS)', () => {
    const trace = sim.request({ from: RequestSource.outsideMesh(), to: RequestTarget.url('http://backend.zero-trust.svc.cluster.local:9090/api/orders') });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
  });

  test('the frontend refuses /app/* without a token', () => {
    const trace = sim.request({ from: RequestSource.serviceAccount('zero-trust', 'backend'), to: RequestTarget.url('http://frontend.zero-trust:8080/app/home') });
    expect(trace.outcome).toBe(RequestOutcome.DENIED);
  });

  test('the frontend takes /app/* with a valid token of the example issuer and audience', () => {
    const trace = sim.request({
      from: RequestSource.serviceAccount('zero-trust', 'backend'),
      to: RequestTarget.url('http://frontend.zero-trust:8080/app/home'),
      jwt: { issuer: 'https://auth.example.com', subject: 'alice', audiences: ['shop-frontend'] },
    });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
  });

  test('a token for another audience is refused with 401', () => {
    const trace = sim.request({
      from: RequestSource.serviceAccount('zero-trust', 'backend'),
      to: RequestTarget.url('http://frontend.zero-trust:8080/app/home'),
      jwt: { issuer: 'https://auth.example.com', subject: 'alice', audiences: ['other'] },
    });
    expect(trace.statusCode).toBe(401);
  });
});

describe('examples/bookinfo', () => {
  const sim = example('bookinfo');
  const gateway = RequestSource.viaGateway('bookinfo', 'bookinfo-gateway');

  test('plain HTTP at the gateway is redirected to HTTPS (301)', () => {
    const trace = sim.request({ from: gateway, to: RequestTarget.url('http://bookinfo.example.com/productpage') });
    expect(trace.outcome).toBe(RequestOutcome.REDIRECTED);
    expect(trace.statusCode).toBe(301);
  });

  test('HTTPS at the gateway reaches productpage over mutual TLS', () => {
    const trace = sim.request({ from: gateway, to: RequestTarget.url('https://bookinfo.example.com/productpage') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.destinations[0].host).toBe('productpage.bookinfo.svc.cluster.local');
    expect(trace.tls).toEqual({ client: 'ISTIO_MUTUAL', server: 'STRICT' });
  });

  test('jason reaches reviews v2; the canary route carries the 6s timeout and 2 retries of 2s', () => {
    const from = RequestSource.serviceAccount('bookinfo', 'bookinfo-productpage');
    const to = RequestTarget.url('http://reviews:9080/reviews/0');
    expect(sim.request({ from, to, headers: { 'end-user': 'jason' } }).destinations.map((d) => d.subset)).toEqual(['v2']);
    const canary = sim.request({ from, to });
    expect(canary).toMatchObject({ timeout: '6s', retries: { attempts: 2, perTryTimeout: '2s', retryOn: 'gateway-error,connect-failure' } });
    expect(canary.destinations.map((d) => [d.subset, d.share])).toEqual([['v1', 90], ['v2', 10]]);
  });
});
