import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const annotationDeprecated = ruleById('annotation-deprecated');

describe('annotation-deprecated (IST0135)', () => {
  test('reports a deprecated annotation as info', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/statsInclusionPrefixes': 'cluster' } });
    one(annotationDeprecated, [d], { path: 'spec.template.metadata.annotations["sidecar.istio.io/statsInclusionPrefixes"]', severity: Severity.INFO });
  });

  test('points the sidecar.istio.io/inject annotation to the label', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/inject': 'false' } });
    const found = one(annotationDeprecated, [d], { path: 'spec.template.metadata.annotations["sidecar.istio.io/inject"]' });
    expect(found.message).toContain('in favour of the label');
    expect(found.fix).toContain('label sidecar.istio.io/inject: "false"');
  });

  test('is quiet when the inject label is also set, and for current annotations', () => {
    const d = deployment('api', 'shop', {
      labels: { 'app': 'api', 'sidecar.istio.io/inject': 'false' },
      podAnnotations: { 'sidecar.istio.io/inject': 'false', 'sidecar.istio.io/proxyCPU': '100m' },
    });
    none(annotationDeprecated, [d]);
  });
});
