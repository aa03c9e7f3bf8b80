import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const annotationInvalid = ruleById('annotation-invalid');

describe('annotation-invalid (IST0125)', () => {
  test('warns on a value the sidecar injector refuses, with the reason', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'traffic.sidecar.istio.io/excludeOutboundPorts': '5432, 99999' } });
    const found = one(annotationInvalid, [d], { path: 'spec.template.metadata.annotations["traffic.sidecar.istio.io/excludeOutboundPorts"]' });
    expect(found).toMatchObject({ ruleId: 'annotation-invalid', severity: Severity.WARNING, istioCode: 'IST0125' });
    expect(found.message).toContain('99999 is larger than 65535');
  });

  test('accepts valid values', () => {
    const d = deployment('api', 'shop', {
      podAnnotations: {
        'traffic.sidecar.istio.io/excludeOutboundPorts': '5432, 6379',
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '*',
        'sidecar.istio.io/interceptionMode': 'TPROXY',
        'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true',
      },
    });
    none(annotationInvalid, [d]);
  });

  test('does not judge the value of a misplaced annotation (that is annotation-misplaced)', () => {
    const d = deployment('api', 'shop', { annotations: { 'sidecar.istio.io/interceptionMode': 'redirect' } });
    none(annotationInvalid, [d]);
  });

  test.each([
    ['sidecar.istio.io/interceptionMode', 'redirect', 'REDIRECT'],
    ['status.sidecar.istio.io/port', '70000', '15021'],
    ['readiness.status.sidecar.istio.io/periodSeconds', '-1', '10'],
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/8, 172.16.0.0/12', '10.0.0.0/8,172.16.0.0/12'],
    ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '10.0.0.1', '10.0.0.1/32'],
    ['traffic.sidecar.istio.io/includeInboundPorts', 'http', '*'],
    ['prometheus.istio.io/merge-metrics', 'yes', 'false'],
    ['proxy.istio.io/config', '[1, 2]', 'concurrency: 2'],
  ])('%s refuses %j and accepts %j', (name, bad, good) => {
    one(annotationInvalid, [deployment('api', 'shop', { podAnnotations: { [name]: bad } })], { path: `spec.template.metadata.annotations["${name}"]` });
    none(annotationInvalid, [deployment('api', 'shop', { podAnnotations: { [name]: good } })]);
  });
});
