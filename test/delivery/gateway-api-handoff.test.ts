import { ArgoRollout, FlaggerCanary, MeshService, RoutingApi } from '../../src';
import { deployment, shopChart } from '../fixtures/app';

/** A reviews service with two versions whose routes are written in the Gateway API. */
function gatewayApiCanary() {
  const chart = shopChart();
  const reviews = new MeshService(chart, 'reviews', { port: 9080, routingApi: RoutingApi.gatewayApi() });
  const v1 = reviews.addVersion('v1', deployment(chart, 'reviews-v1', { port: 9080 }));
  const v2 = reviews.addVersion('v2', deployment(chart, 'reviews-v2', { port: 9080 }));
  return { chart, canary: reviews.canary({ stable: v1, candidate: v2 }) };
}

describe('a canary on a Gateway API service', () => {
  test('is refused by ArgoRollout, which edits a VirtualService route and DestinationRule subsets', () => {
    const { chart, canary } = gatewayApiCanary();
    expect(() => new ArgoRollout(chart, 'rollout', { canary })).toThrow(/canary.*Gateway API.*routingApi: RoutingApi\.ISTIO/s);
  });

  test('is refused by FlaggerCanary, whose Istio provider writes VirtualServices', () => {
    const { chart, canary } = gatewayApiCanary();
    expect(() => new FlaggerCanary(chart, 'flagger', { canary })).toThrow(/canary.*Gateway API.*routingApi: RoutingApi\.ISTIO/s);
  });
});
