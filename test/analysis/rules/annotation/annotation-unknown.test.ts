import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment, namespaceObject } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const annotationUnknown = ruleById('annotation-unknown');

describe('annotation-unknown (IST0108)', () => {
  test('warns on a misspelt Istio annotation and suggests the real one', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/proxyCpu': '100m' } });
    const found = one(annotationUnknown, [d], { path: 'spec.template.metadata.annotations["sidecar.istio.io/proxyCpu"]' });
    expect(found).toMatchObject({
      ruleId: 'annotation-unknown',
      severity: Severity.WARNING,
      istioCode: 'IST0108',
      path: 'spec.template.metadata.annotations["sidecar.istio.io/proxyCpu"]',
    });
    expect(found.message).toContain('the pod template of Deployment api');
    expect(found.fix).toContain('sidecar.istio.io/proxyCPU');
  });

  test('says to make an Istio label a label when it is written as an annotation', () => {
    const ns = namespaceObject('shop', {}, { 'istio.io/dataplane-mode': 'ambient' });
    const found = one(annotationUnknown, [ns], { path: 'metadata.annotations["istio.io/dataplane-mode"]' });
    expect(found.message).toContain('Istio reads it as a label');
    expect(found.fix).toContain('from annotations to labels');
  });

  test('accepts known annotations, other domains and this library\'s annotations', () => {
    const d = deployment('api', 'shop', {
      annotations: { 'cdk8s-istio.io/ignore-rules': 'x', 'deployment.kubernetes.io/revision': '1' },
      podAnnotations: { 'sidecar.istio.io/proxyCPU': '100m', 'proxy.istio.io/config': '{}' },
    });
    none(annotationUnknown, [d]);
  });
});

describe('annotation-unknown checks only the annotations that are Istio\'s', () => {
  test.each(['sidecar.istio.io/notAThing', 'istio.io/not-a-thing', 'networking.istio.io/notAThing'])('reports %s, an unknown key in the istio.io domain or a subdomain', (key) => {
    one(annotationUnknown, [deployment('api', 'shop', { podAnnotations: { [key]: 'x' } })], { path: `spec.template.metadata.annotations["${key}"]` });
  });

  test.each(['cdk8s-istio.io/not-a-thing', 'prometheus.io/not-a-thing', 'istio.io', 'kubernetes.io/ingress.class'])('leaves %s alone: this library\'s, another domain\'s, or known', (key) => {
    none(annotationUnknown, [deployment('api', 'shop', { podAnnotations: { [key]: 'x' } })]);
  });
});
