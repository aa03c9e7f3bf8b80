import { to } from '../../../fixtures/manifests';
import { istioCanary, reviewsByRollout, reviewsDestinationRule, reviewsRollout, reviewsVirtualService } from '../../../fixtures/progressive-delivery';
import { clean, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('rollout-route-destinations-mismatch');

describe('rollout-route-destinations-mismatch', () => {
  test('accepts a route with the stable and canary subsets of the DestinationRule\'s host', () => {
    clean(rule, reviewsByRollout());
  });

  test('reports a route without the canary subset', () => {
    const vs = reviewsVirtualService([{ name: 'primary', route: [to('reviews', 'stable')] }]);
    const d = one(rule, [reviewsRollout(), vs, reviewsDestinationRule()], { path: 'spec.strategy.canary.trafficRouting.istio.virtualService.routes[0]' });
    expect(d.message).toContain('route "primary" of VirtualService reviews has no destination to subset "canary" of host reviews.default.svc.cluster.local');
    expect(d.message).toContain('as its canary subset');
  });

  test('reports subsets routed to another host than the DestinationRule\'s', () => {
    const vs = reviewsVirtualService([{ name: 'primary', route: [to('ratings', 'stable', 100), to('ratings', 'canary', 0)] }]);
    const d = one(rule, [reviewsRollout(), vs, reviewsDestinationRule()], { path: 'spec.strategy.canary.trafficRouting.istio.virtualService.routes[0]' });
    expect(d.message).toContain('"stable" or "canary"');
  });

  test('leaves a missing route to rollout-route-not-found', () => {
    none(rule, [reviewsRollout(istioCanary({ virtualService: { name: 'reviews', routes: ['nope'] } })), reviewsVirtualService(), reviewsDestinationRule()]);
  });
});
