import { expectValidProgressiveDeliveryObjects } from '../../../conformance/progressive-delivery-validator';
import {
  analysisTemplate, clusterAnalysisTemplate, istioCanary, PROMETHEUS_METRIC, reviewsDestinationRule, reviewsRollout, reviewsVirtualService,
} from '../../../fixtures/progressive-delivery';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('rollout-analysis-template-not-found');

const withAnalysis = (templates: any[], background?: any[]) => reviewsRollout(istioCanary({
  steps: [{ setWeight: 20 }, { analysis: { templates } }],
  analysis: background ? { templates: background } : undefined,
}));

describe('rollout-analysis-template-not-found', () => {
  test('accepts templates of the Rollout\'s namespace and cluster templates', () => {
    const objects = [
      withAnalysis([{ templateName: 'success-rate' }, { templateName: 'mesh-latency', clusterScope: true }]),
      analysisTemplate('success-rate', undefined, { metrics: [PROMETHEUS_METRIC] }),
      clusterAnalysisTemplate('mesh-latency', undefined, { metrics: [PROMETHEUS_METRIC] }),
      reviewsVirtualService(),
      reviewsDestinationRule(),
    ];
    expectValidProgressiveDeliveryObjects(objects);
    clean(rule, objects);
  });

  test('reports a step template that does not exist, suggesting the close one', () => {
    const d = one(rule, [withAnalysis([{ templateName: 'succes-rate' }]), analysisTemplate('success-rate', undefined, { metrics: [PROMETHEUS_METRIC] })],
      { path: 'spec.strategy.canary.steps[1].analysis.templates[0].templateName' });
    expect(d.message).toContain('runs AnalysisTemplate "succes-rate" of namespace default, which is not in the analysed set');
    expect(d.fix).toBe('Did you mean "success-rate"?');
  });

  test('says when the template is in another namespace', () => {
    const d = one(rule, [withAnalysis([{ templateName: 'success-rate' }]), analysisTemplate('success-rate', 'ops', { metrics: [PROMETHEUS_METRIC] })],
      { path: 'spec.strategy.canary.steps[1].analysis.templates[0].templateName' });
    expect(d.fix).toContain('The template is in namespace ops');
  });

  test('checks background analysis and cluster templates', () => {
    const ds = many(rule, [withAnalysis([{ templateName: 'latency', clusterScope: true }], [{ templateName: 'errors' }])], [
      'spec.strategy.canary.steps[1].analysis.templates[0].templateName',
      'spec.strategy.canary.analysis.templates[0].templateName',
    ]);
    expect(ds[0].message).toContain('ClusterAnalysisTemplate "latency", which');
  });
});
