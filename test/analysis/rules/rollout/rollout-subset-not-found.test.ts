import { istioCanary, reviewsByRollout, reviewsDestinationRule, reviewsRollout, reviewsVirtualService } from '../../../fixtures/progressive-delivery';
import { clean, many, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('rollout-subset-not-found');

describe('rollout-subset-not-found', () => {
  test('accepts stable and canary subsets the DestinationRule defines', () => {
    clean(rule, reviewsByRollout());
  });

  test('reports a canary subset the DestinationRule does not define', () => {
    const strategy = istioCanary({ destinationRule: { name: 'reviews', canarySubsetName: 'canery', stableSubsetName: 'stable' } });
    const d = one(rule, [reviewsRollout(strategy), reviewsVirtualService(), reviewsDestinationRule()],
      { path: 'spec.strategy.canary.trafficRouting.istio.destinationRule.canarySubsetName' });
    expect(d.message).toContain('takes subset "canery" of DestinationRule reviews as its canary subset, but the DestinationRule defines only "stable", "canary"');
    expect(d.fix).toBe('Did you mean "canary"?');
  });

  test('reports both subsets of a DestinationRule without subsets', () => {
    many(rule, [reviewsRollout(), reviewsVirtualService(), reviewsDestinationRule([])], [
      'spec.strategy.canary.trafficRouting.istio.destinationRule.stableSubsetName',
      'spec.strategy.canary.trafficRouting.istio.destinationRule.canarySubsetName',
    ]);
  });

  test('leaves a missing DestinationRule to rollout-destinationrule-not-found', () => {
    none(rule, [reviewsRollout(), reviewsVirtualService()]);
  });
});
