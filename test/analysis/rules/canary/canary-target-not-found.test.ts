import { expectValidProgressiveDeliveryObjects } from '../../../conformance/progressive-delivery-validator';
import { deployment } from '../../../fixtures/manifests';
import { flaggerCanary } from '../../../fixtures/progressive-delivery';
import { clean, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('canary-target-not-found');

const canaryOf = (name: string, namespace?: string) => flaggerCanary('reviews', namespace, {
  targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
  service: { port: 9080 },
  analysis: { interval: '1m', threshold: 5, maxWeight: 50, stepWeight: 10 },
});

describe('canary-target-not-found', () => {
  test('accepts a Canary whose Deployment is in its namespace', () => {
    const objects = [canaryOf('reviews'), deployment('reviews', undefined)];
    expectValidProgressiveDeliveryObjects(objects);
    clean(rule, objects);
  });

  test('reports a target that is not in the analysed set, suggesting the close one', () => {
    const d = one(rule, [canaryOf('reveiws'), deployment('reviews', undefined)], { path: 'spec.targetRef.name' });
    expect(d.message).toContain('takes over Deployment "reveiws" of namespace default, which is not in the analysed set');
    expect(d.fix).toBe('Did you mean "reviews"?');
  });

  test('says when the target is in another namespace', () => {
    const d = one(rule, [canaryOf('reviews', 'shop'), deployment('reviews', 'other')], { path: 'spec.targetRef.name' });
    expect(d.fix).toContain('Deployment reviews is in namespace other');
  });
});
