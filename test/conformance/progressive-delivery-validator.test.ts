import { validateProgressiveDeliveryObject } from './progressive-delivery-validator';

const rollout = (spec: any) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'reviews' }, spec });
const canary = (spec: any) => ({ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name: 'reviews' }, spec });

describe('the progressive-delivery CRD validator', () => {
  test('accepts a Rollout with Istio subset routing', () => {
    expect(validateProgressiveDeliveryObject(rollout({
      selector: { matchLabels: { app: 'reviews' } },
      strategy: { canary: { trafficRouting: { istio: { virtualService: { name: 'reviews', routes: ['default'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } } } } },
    }))).toEqual([]);
  });

  test('rejects an unknown field, as the API server does', () => {
    expect(validateProgressiveDeliveryObject(rollout({ strategy: { canary: { stepz: [] } } }))).toEqual(['/spec/strategy/canary: unknown field "stepz"']);
  });

  test('rejects an unknown metadata field, which the Istio validator lets through', () => {
    const object = { ...rollout({}), metadata: { name: 'reviews', lables: { app: 'reviews' } } };
    expect(validateProgressiveDeliveryObject(object)).toEqual(['/metadata: unknown field "lables"']);
  });

  test('rejects a DestinationRule reference without its subsets', () => {
    const errors = validateProgressiveDeliveryObject(rollout({ strategy: { canary: { trafficRouting: { istio: { destinationRule: { name: 'reviews' } } } } } }));
    expect(errors).toContain('/spec/strategy/canary/trafficRouting/istio/destinationRule: missing required field "canarySubsetName"');
  });

  test('rejects a Flagger interval in hours, which its CRD pattern refuses', () => {
    const errors = validateProgressiveDeliveryObject(canary({ targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'reviews' }, analysis: { interval: '1h', threshold: 5, stepWeight: 10 } }));
    expect(errors).toEqual(['/spec/analysis/interval: must match pattern "^[0-9]+(m|s)"']);
  });

  test('rejects a kind no CRD serves', () => {
    expect(validateProgressiveDeliveryObject({ apiVersion: 'flagger.app/v1beta1', kind: 'Rollout', metadata: { name: 'x' } })).toEqual(['no CRD serves flagger.app/v1beta1/Rollout']);
  });
});
