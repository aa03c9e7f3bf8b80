/**
 * The TypeScript test helpers (cdk8s-istio/lib/testing) over an app built with the constructs.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Mesh, MeshService, MeshSimulator, RequestOutcome, RequestSource, RequestTarget } from '../../src';
import { assertDenied, assertRoutesTo, RouteExpectation, simulatorMatchers } from '../../src/testing';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toRouteTo(target: RouteExpectation, share?: number): R;
      toHaveOutcome(outcome: RequestOutcome): R;
      toBeDenied(policyName?: string): R;
      toUseMutualTls(): R;
    }
  }
}

expect.extend(simulatorMatchers);

function canaryApp() {
  const app = new App();
  new Mesh(app, 'mesh');
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const image = (v: string) => ({ image: `example.invalid/reviews-${v}`, portNumber: 9080, securityContext: { ensureNonRoot: false } });
  const reviewsV1 = new kplus.Deployment(chart, 'reviews-v1', { containers: [image('v1')] });
  const reviewsV2 = new kplus.Deployment(chart, 'reviews-v2', { containers: [image('v2')] });
  const reviews = new MeshService(chart, 'reviews', { port: 9080 });
  const v1 = reviews.addVersion('v1', reviewsV1);
  const v2 = reviews.addVersion('v2', reviewsV2);
  reviews.routeByHeader('end-user', 'jason', v2);
  reviews.canary({ stable: v1, candidate: v2, weight: 20 });
  return { sim: MeshSimulator.fromApp(app), reviews, v1, v2 };
}

const { sim, reviews, v1, v2 } = canaryApp();
const from = RequestSource.serviceAccount('shop', 'default');
const to = RequestTarget.url('http://reviews:9080/');

test('toRouteTo takes a ServiceVersion: jason goes to v2', () => {
  expect(sim.request({ from, to, headers: { 'end-user': 'jason' } })).toRouteTo(v2);
});

test('toRouteTo with a share checks the canary split', () => {
  const trace = sim.request({ from, to });
  expect(trace).toRouteTo(v1, 80);
  expect(trace).toRouteTo(v2, 20);
  expect(trace).toRouteTo(reviews);
});

test('toRouteTo fails with the trace\'s explanation when the request goes elsewhere', () => {
  expect(() => expect(sim.request({ from, to })).toRouteTo(v2)).toThrow(/expected the request to be routed with 100% to reviews\.shop\.svc\.cluster\.local subset v2; outcome routed, destinations: .*subset v1 \(80%/);
});

test('a host name and a short host name both work as targets', () => {
  expect(sim.request({ from, to, headers: { 'end-user': 'jason' } })).toRouteTo({ host: 'reviews', subset: 'v2' });
});

test('toUseMutualTls holds between two sidecars (auto mTLS)', () => {
  expect(sim.request({ from, to })).toUseMutualTls();
});

test('assertRoutesTo and assertDenied work without Jest matchers', () => {
  expect(() => assertRoutesTo(sim.request({ from, to }), v1, 80)).not.toThrow();
  expect(() => assertDenied(sim.request({ from, to }))).toThrow(/expected the request to be denied; outcome routed/);
});

test('RequestSource.fromWorkload takes a cdk8s-plus workload of the app as the client', () => {
  const app = new App();
  new Mesh(app, 'mesh');
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'example.invalid/web', portNumber: 8080, securityContext: { ensureNonRoot: false } }] });
  new MeshService(chart, 'api', { port: 8080 });
  const trace = MeshSimulator.fromApp(app).request({ from: RequestSource.fromWorkload(web), to: RequestTarget.url('http://api:8080/') });
  expect(trace.client.workload).toEqual({ kind: 'Deployment', namespace: 'shop', name: web.name });
});
