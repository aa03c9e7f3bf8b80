import { istioCanary, reviewsByRollout, reviewsDestinationRule, reviewsRollout, reviewsVirtualService } from '../../../fixtures/progressive-delivery';
import { clean, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('rollout-destinationrule-not-found');

describe('rollout-destinationrule-not-found', () => {
  test('accepts a Rollout whose DestinationRule exists', () => {
    clean(rule, reviewsByRollout());
  });

  test('reports a DestinationRule that is not in the analysed set', () => {
    const d = one(rule, [reviewsRollout(), reviewsVirtualService()], { path: 'spec.strategy.canary.trafficRouting.istio.destinationRule.name' });
    expect(d.message).toContain('DestinationRule "reviews" in namespace default, which is not in the analysed set');
    expect(d.fix).toContain('with the subsets "stable" and "canary"');
  });

  test('suggests a DestinationRule of a close name', () => {
    const strategy = istioCanary({ destinationRule: { name: 'review', canarySubsetName: 'canary', stableSubsetName: 'stable' } });
    const d = one(rule, [reviewsRollout(strategy), reviewsVirtualService(), reviewsDestinationRule()], { path: 'spec.strategy.canary.trafficRouting.istio.destinationRule.name' });
    expect(d.fix).toBe('Did you mean "reviews"?');
  });
});
