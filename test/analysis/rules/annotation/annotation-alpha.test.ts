import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const annotationAlpha = ruleById('annotation-alpha');

describe('annotation-alpha (IST0136)', () => {
  test('reports an alpha annotation as info', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/proxyCPU': '100m' } });
    one(annotationAlpha, [d], { path: 'spec.template.metadata.annotations["sidecar.istio.io/proxyCPU"]', severity: Severity.INFO });
  });

  test('skips beta annotations, the injector\'s status annotation and the ones Istio sets on pods without istio-init', () => {
    const d = deployment('api', 'shop', {
      podAnnotations: {
        'proxy.istio.io/config': '{}',
        'sidecar.istio.io/status': '{}',
        'traffic.sidecar.istio.io/includeInboundPorts': '*',
      },
    });
    none(annotationAlpha, [d]);
  });
});
