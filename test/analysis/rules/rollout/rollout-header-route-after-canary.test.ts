import { to } from '../../../fixtures/manifests';
import { istioCanary, reviewsByRollout, reviewsDestinationRule, reviewsRollout, reviewsVirtualService } from '../../../fixtures/progressive-delivery';
import { clean, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('rollout-header-route-after-canary');

const jason = { name: 'jason', match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [to('reviews', 'canary')] };
const primary = { name: 'primary', route: [to('reviews', 'stable', 100), to('reviews', 'canary', 0)] };

describe('rollout-header-route-after-canary', () => {
  test('accepts a header route ahead of the canary route', () => {
    clean(rule, reviewsByRollout());
  });

  test('reports a header route after the catch-all canary route', () => {
    const d = one(rule, [reviewsRollout(), reviewsVirtualService([primary, jason]), reviewsDestinationRule()],
      { path: 'spec.strategy.canary.trafficRouting.istio.virtualService.routes[0]' });
    expect(d.message).toBe('route "jason" of VirtualService reviews comes after route "primary", which Rollout reviews splits between stable and canary ' +
      'and which takes every request, so its match is never tried.');
    expect(d.fix).toBe('Move route "jason" above "primary" in VirtualService reviews.');
  });

  test('accepts routes after a canary route narrowed by a match', () => {
    const narrowed = { ...primary, match: [{ uri: { prefix: '/api' } }] };
    none(rule, [reviewsRollout(), reviewsVirtualService([narrowed, jason]), reviewsDestinationRule()]);
  });

  test('reads the only route when the Rollout names none', () => {
    const unnamed = { route: primary.route };
    one(rule, [reviewsRollout(istioCanary({ virtualService: { name: 'reviews' } })), reviewsVirtualService([unnamed, jason]), reviewsDestinationRule()],
      { path: 'spec.strategy.canary.trafficRouting.istio.virtualService' });
  });
});
