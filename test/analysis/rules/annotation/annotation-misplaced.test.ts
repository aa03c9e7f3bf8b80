import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment, namespaceObject, selecting, service } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const annotationMisplaced = ruleById('annotation-misplaced');

const withAnnotations = (obj: any, annotations: Record<string, string>) => ({ ...obj, metadata: { ...obj.metadata, annotations } });

describe('annotation-misplaced (IST0107)', () => {
  test('warns on a pod annotation written on the Deployment itself and says to move it to the pod template', () => {
    const d = deployment('api', 'shop', { annotations: { 'sidecar.istio.io/proxyMemory': '128Mi' } });
    const found = one(annotationMisplaced, [d], { path: 'metadata.annotations["sidecar.istio.io/proxyMemory"]', severity: Severity.WARNING });
    expect(found.message).toContain('only reads it on Pod');
    expect(found.message).toContain('the pods of this workload never get it');
    expect(found.fix).toContain('spec.template.metadata.annotations');
  });

  test('warns on a Service annotation written on a Namespace', () => {
    const found = one(annotationMisplaced, [namespaceObject('shop', {}, { 'networking.istio.io/exportTo': '.' })], { path: 'metadata.annotations["networking.istio.io/exportTo"]' });
    expect(found.message).toContain('only reads it on Service');
  });

  test('accepts annotations where Istio reads them, and "Any" annotations anywhere', () => {
    const d = deployment('api', 'shop', {
      annotations: { 'galley.istio.io/analyze-suppress': 'IST0108' },
      podAnnotations: { 'sidecar.istio.io/proxyMemory': '128Mi' },
    });
    const svc = withAnnotations(service('api', 'shop', selecting({ app: 'api' })), { 'networking.istio.io/exportTo': '.' });
    none(annotationMisplaced, [d, svc]);
  });
});
