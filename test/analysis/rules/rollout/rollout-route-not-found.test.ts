import { to } from '../../../fixtures/manifests';
import { istioCanary, reviewsByRollout, reviewsDestinationRule, reviewsRollout, reviewsVirtualService } from '../../../fixtures/progressive-delivery';
import { clean, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('rollout-route-not-found');

describe('rollout-route-not-found', () => {
  test('accepts a Rollout whose route is a named route of the VirtualService', () => {
    clean(rule, reviewsByRollout());
  });

  test('reports a route name the VirtualService does not have, suggesting the close one', () => {
    const d = one(rule, [reviewsRollout(istioCanary({ virtualService: { name: 'reviews', routes: ['primery'] } })), reviewsVirtualService(), reviewsDestinationRule()],
      { path: 'spec.strategy.canary.trafficRouting.istio.virtualService.routes[0]' });
    expect(d.message).toContain('route "primery", but VirtualService reviews has only the named routes "jason", "primary"');
    expect(d.fix).toBe('Did you mean "primary"?');
  });

  test('reports an empty route list when the VirtualService has several routes', () => {
    const d = one(rule, [reviewsRollout(istioCanary({ virtualService: { name: 'reviews' } })), reviewsVirtualService(), reviewsDestinationRule()],
      { path: 'spec.strategy.canary.trafficRouting.istio.virtualService' });
    expect(d.fix).toContain('routes: ["jason", "primary"]');
  });

  test('accepts an empty route list when the VirtualService has one route', () => {
    const vs = reviewsVirtualService([{ route: [to('reviews', 'stable', 100), to('reviews', 'canary', 0)] }]);
    clean(rule, [reviewsRollout(istioCanary({ virtualService: { name: 'reviews' } })), vs, reviewsDestinationRule()]);
  });
});
