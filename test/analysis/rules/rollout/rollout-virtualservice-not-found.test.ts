import { expectValidProgressiveDeliveryObjects } from '../../../conformance/progressive-delivery-validator';
import { istioCanary, reviewsByRollout, reviewsDestinationRule, reviewsRollout, reviewsVirtualService } from '../../../fixtures/progressive-delivery';
import { clean, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('rollout-virtualservice-not-found');

describe('rollout-virtualservice-not-found', () => {
  test('accepts a Rollout whose VirtualService exists', () => {
    expectValidProgressiveDeliveryObjects(reviewsByRollout());
    clean(rule, reviewsByRollout());
  });

  test('reports a VirtualService name that no VirtualService has, suggesting the close one', () => {
    const d = one(rule, [reviewsRollout(istioCanary({ virtualService: { name: 'reveiws', routes: ['primary'] } })), reviewsVirtualService(), reviewsDestinationRule()],
      { path: 'spec.strategy.canary.trafficRouting.istio.virtualService.name' });
    expect(d.message).toContain('VirtualService "reveiws" in namespace default, which is not in the analysed set');
    expect(d.fix).toContain('Did you mean "reviews"?');
  });

  test('reads name.namespace as a VirtualService of another namespace', () => {
    const strategy = istioCanary({ virtualService: { name: 'reviews.other', routes: ['primary'] } });
    one(rule, [reviewsRollout(strategy), reviewsVirtualService(), reviewsDestinationRule()], { path: 'spec.strategy.canary.trafficRouting.istio.virtualService.name' });
  });

  test('checks each entry of virtualServices', () => {
    const strategy = istioCanary();
    strategy.canary.trafficRouting.istio = {
      virtualServices: [{ name: 'reviews', routes: ['primary'] }, { name: 'reviews-edge', routes: ['primary'] }],
      destinationRule: strategy.canary.trafficRouting.istio.destinationRule,
    };
    one(rule, [reviewsRollout(strategy), reviewsVirtualService(), reviewsDestinationRule()], { path: 'spec.strategy.canary.trafficRouting.istio.virtualServices[1].name' });
  });
});
