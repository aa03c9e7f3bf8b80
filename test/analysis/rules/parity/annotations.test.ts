import { authorizationPolicy, deployment, namespaceObject, run, service, virtualService } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { ANNOTATION_VALUE_CHECKS } from '../../../../src/analysis/validation/annotation-values';
import { annotationAlpha } from '../../../../src/analysis/rules/annotation/annotation-alpha';
import { annotationDeprecated } from '../../../../src/analysis/rules/annotation/annotation-deprecated';
import { annotationInvalid } from '../../../../src/analysis/rules/annotation/annotation-invalid';
import { annotationInvalidDryRun } from '../../../../src/analysis/rules/annotation/annotation-invalid-dry-run';
import { annotationMisplaced } from '../../../../src/analysis/rules/annotation/annotation-misplaced';
import { annotationUnknown } from '../../../../src/analysis/rules/annotation/annotation-unknown';
import { isIstioAnnotation } from '../../../../src/analysis/facts/annotations';

const withAnnotations = (obj: any, annotations: Record<string, string>) => ({ ...obj, metadata: { ...obj.metadata, annotations } });

describe('which annotations are Istio\'s', () => {
  test('the istio.io domain and its subdomains, and kubernetes.io/ingress.class', () => {
    expect(isIstioAnnotation('sidecar.istio.io/inject')).toBe(true);
    expect(isIstioAnnotation('istio.io/rev')).toBe(true);
    expect(isIstioAnnotation('kubernetes.io/ingress.class')).toBe(true);
  });

  test('not this library\'s own cdk8s-istio.io annotations, nor other domains', () => {
    expect(isIstioAnnotation('cdk8s-istio.io/ignore-rules')).toBe(false);
    expect(isIstioAnnotation('prometheus.io/scrape')).toBe(false);
    expect(isIstioAnnotation('istio.io')).toBe(false);
  });
});

describe('annotation-unknown (IST0108)', () => {
  test('warns on a misspelt Istio annotation and suggests the real one', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/proxyCpu': '100m' } });
    const ds = run(annotationUnknown, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'annotation-unknown',
      severity: Severity.WARNING,
      istioCode: 'IST0108',
      path: 'spec.template.metadata.annotations["sidecar.istio.io/proxyCpu"]',
    });
    expect(ds[0].message).toContain('the pod template of Deployment api');
    expect(ds[0].fix).toContain('sidecar.istio.io/proxyCPU');
  });

  test('says to make an Istio label a label when it is written as an annotation', () => {
    const ns = namespaceObject('shop', {}, { 'istio.io/dataplane-mode': 'ambient' });
    const ds = run(annotationUnknown, [ns]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('Istio reads it as a label');
    expect(ds[0].fix).toContain('from annotations to labels');
  });

  test('accepts known annotations, other domains and this library\'s annotations', () => {
    const d = deployment('api', 'shop', {
      annotations: { 'cdk8s-istio.io/ignore-rules': 'x', 'deployment.kubernetes.io/revision': '1' },
      podAnnotations: { 'sidecar.istio.io/proxyCPU': '100m', 'proxy.istio.io/config': '{}' },
    });
    expect(run(annotationUnknown, [d])).toEqual([]);
  });
});

describe('annotation-misplaced (IST0107)', () => {
  test('warns on a pod annotation written on the Deployment itself and says to move it to the pod template', () => {
    const d = deployment('api', 'shop', { annotations: { 'sidecar.istio.io/proxyMemory': '128Mi' } });
    const ds = run(annotationMisplaced, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'annotation-misplaced', severity: Severity.WARNING, istioCode: 'IST0107', path: 'metadata.annotations["sidecar.istio.io/proxyMemory"]' });
    expect(ds[0].message).toContain('only reads it on Pod');
    expect(ds[0].message).toContain('the pods of this workload never get it');
    expect(ds[0].fix).toContain('spec.template.metadata.annotations');
  });

  test('warns on a Service annotation written on a Namespace', () => {
    const ds = run(annotationMisplaced, [namespaceObject('shop', {}, { 'networking.istio.io/exportTo': '.' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('only reads it on Service');
  });

  test('accepts annotations where Istio reads them, and "Any" annotations anywhere', () => {
    const d = deployment('api', 'shop', {
      annotations: { 'galley.istio.io/analyze-suppress': 'IST0108' },
      podAnnotations: { 'sidecar.istio.io/proxyMemory': '128Mi' },
    });
    const svc = withAnnotations(service('api', 'shop', { app: 'api' }), { 'networking.istio.io/exportTo': '.' });
    expect(run(annotationMisplaced, [d, svc])).toEqual([]);
  });
});

describe('annotation-invalid (IST0125)', () => {
  test('warns on a value the sidecar injector refuses, with the reason', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'traffic.sidecar.istio.io/excludeOutboundPorts': '5432, 99999' } });
    const ds = run(annotationInvalid, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'annotation-invalid', severity: Severity.WARNING, istioCode: 'IST0125' });
    expect(ds[0].message).toContain('99999 is larger than 65535');
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
    expect(run(annotationInvalid, [d])).toEqual([]);
  });

  test('does not judge the value of a misplaced annotation (that is annotation-misplaced)', () => {
    const d = deployment('api', 'shop', { annotations: { 'sidecar.istio.io/interceptionMode': 'redirect' } });
    expect(run(annotationInvalid, [d])).toEqual([]);
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
    expect(ANNOTATION_VALUE_CHECKS[name](bad)).toBeDefined();
    expect(ANNOTATION_VALUE_CHECKS[name](good)).toBeUndefined();
  });
});

describe('annotation-deprecated (IST0135)', () => {
  test('reports a deprecated annotation as info', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/statsInclusionPrefixes': 'cluster' } });
    const ds = run(annotationDeprecated, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'annotation-deprecated', severity: Severity.INFO, istioCode: 'IST0135' });
  });

  test('points the sidecar.istio.io/inject annotation to the label', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/inject': 'false' } });
    const ds = run(annotationDeprecated, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('in favour of the label');
    expect(ds[0].fix).toContain('label sidecar.istio.io/inject: "false"');
  });

  test('is quiet when the inject label is also set, and for current annotations', () => {
    const d = deployment('api', 'shop', {
      labels: { 'app': 'api', 'sidecar.istio.io/inject': 'false' },
      podAnnotations: { 'sidecar.istio.io/inject': 'false', 'sidecar.istio.io/proxyCPU': '100m' },
    });
    expect(run(annotationDeprecated, [d])).toEqual([]);
  });
});

describe('annotation-alpha (IST0136)', () => {
  test('reports an alpha annotation as info', () => {
    const d = deployment('api', 'shop', { podAnnotations: { 'sidecar.istio.io/proxyCPU': '100m' } });
    const ds = run(annotationAlpha, [d]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'annotation-alpha', severity: Severity.INFO, istioCode: 'IST0136' });
  });

  test('skips beta annotations, the injector\'s status annotation and the ones Istio sets on pods without istio-init', () => {
    const d = deployment('api', 'shop', {
      podAnnotations: {
        'proxy.istio.io/config': '{}',
        'sidecar.istio.io/status': '{}',
        'traffic.sidecar.istio.io/includeInboundPorts': '*',
      },
    });
    expect(run(annotationAlpha, [d])).toEqual([]);
  });
});

describe('annotation-invalid-dry-run (IST0106)', () => {
  test('rejects dry-run on other kinds, on CUSTOM policies and with a non-boolean value', () => {
    const vs = withAnnotations(virtualService('r', 'shop', { hosts: ['r'], http: [{ route: [{ destination: { host: 'r' } }] }] }), { 'istio.io/dry-run': 'true' });
    const custom = authorizationPolicy('c', 'shop', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{}] }, { 'istio.io/dry-run': 'true' });
    const notBool = authorizationPolicy('d', 'shop', { action: 'DENY', rules: [{}] }, { 'istio.io/dry-run': 'yes' });
    const ds = run(annotationInvalidDryRun, [vs, custom, notBool]);
    expect(ds.map((d) => d.resource.name)).toEqual(['r', 'c', 'd']);
    expect(ds[0]).toMatchObject({ ruleId: 'annotation-invalid-dry-run', severity: Severity.ERROR, istioCode: 'IST0106', path: 'metadata.annotations["istio.io/dry-run"]' });
  });

  test('accepts dry-run on ALLOW and DENY policies', () => {
    const allow = authorizationPolicy('a', 'shop', { rules: [{}] }, { 'istio.io/dry-run': 'true' });
    const deny = authorizationPolicy('d', 'shop', { action: 'DENY', rules: [{}] }, { 'istio.io/dry-run': 'false' });
    expect(run(annotationInvalidDryRun, [allow, deny])).toEqual([]);
  });
});
