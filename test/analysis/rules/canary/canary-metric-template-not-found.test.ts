import { expectValidProgressiveDeliveryObjects } from '../../../conformance/progressive-delivery-validator';
import { flaggerCanary, metricTemplate } from '../../../fixtures/progressive-delivery';
import { clean, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('canary-metric-template-not-found');

const canaryWith = (templateRef: any) => flaggerCanary('reviews', 'shop', {
  targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'reviews' },
  service: { port: 9080 },
  analysis: {
    interval: '1m',
    threshold: 5,
    maxWeight: 50,
    stepWeight: 10,
    metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' }, { name: 'error-budget', templateRef, thresholdRange: { max: 1 }, interval: '1m' }],
  },
});
const template = (name: string, namespace: string) => metricTemplate(name, namespace, { provider: { type: 'prometheus', address: 'http://prometheus:9090' }, query: 'vector(1)' });

describe('canary-metric-template-not-found', () => {
  test('accepts a templateRef to a MetricTemplate of the Canary\'s namespace, or of the one it names', () => {
    const objects = [canaryWith({ name: 'error-budget' }), template('error-budget', 'shop')];
    expectValidProgressiveDeliveryObjects(objects);
    clean(rule, objects);
    clean(rule, [canaryWith({ name: 'error-budget', namespace: 'flagger' }), template('error-budget', 'flagger')]);
  });

  test('reports a MetricTemplate that is not in the analysed set', () => {
    const d = one(rule, [canaryWith({ name: 'error-budgte' }), template('error-budget', 'shop')], { path: 'spec.analysis.metrics[1].templateRef.name' });
    expect(d.message).toContain('Metric "error-budget" of Canary reviews reads MetricTemplate "error-budgte" of namespace shop');
    expect(d.fix).toBe('Did you mean "error-budget"?');
  });

  test('says to name the namespace of a template that lives elsewhere', () => {
    const d = one(rule, [canaryWith({ name: 'error-budget' }), template('error-budget', 'flagger')], { path: 'spec.analysis.metrics[1].templateRef.name' });
    expect(d.fix).toBe('The template is in namespace flagger: set templateRef.namespace: flagger.');
  });
});
