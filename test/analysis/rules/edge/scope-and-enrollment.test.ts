import { deployment, expectClean, namespaceObject, run, sidecar, virtualService } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { namespaceMultipleInjectionLabels } from '../../../../src/analysis/rules/namespace/namespace-multiple-injection-labels';
import { namespaceNotEnrolled } from '../../../../src/analysis/rules/namespace/namespace-not-enrolled';
import { sidecarConflictingSelectors } from '../../../../src/analysis/rules/sidecar/sidecar-conflicting-selectors';
import { sidecarIneffectiveInAmbient } from '../../../../src/analysis/rules/sidecar/sidecar-ineffective-in-ambient';
import { sidecarMultipleNamespaceDefaults } from '../../../../src/analysis/rules/sidecar/sidecar-multiple-namespace-defaults';
import { sidecarSelectorNoWorkloads } from '../../../../src/analysis/rules/sidecar/sidecar-selector-no-workloads';

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];
const api = deployment('api', 'shop', { app: 'api', version: 'v1' });
const web = deployment('web', 'shop', { app: 'web' });
const selecting = (name: string, labels: Record<string, string>, namespace = 'shop') => sidecar(name, namespace, { workloadSelector: { labels }, egress: EGRESS });

describe('sidecar-selector-no-workloads', () => {
  test('warns when the selector matches no pod template of the namespace', () => {
    const ds = run(sidecarSelectorNoWorkloads, [api, selecting('api', { app: 'api-server' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'sidecar-selector-no-workloads', severity: Severity.WARNING, istioCode: 'IST0101', path: 'spec.workloadSelector.labels' });
    expect(ds[0].message).toContain('app=api-server');
  });

  test('accepts a matching selector, and does not judge namespaces without workloads in the app', () => {
    expectClean(sidecarSelectorNoWorkloads, [api, selecting('api', { app: 'api' }), selecting('other', { app: 'x' }, 'billing')]);
  });
});

describe('sidecar-conflicting-selectors', () => {
  test('reports each Sidecar selecting the same pods as another', () => {
    const ds = run(sidecarConflictingSelectors, [api, web, selecting('by-app', { app: 'api' }), selecting('by-version', { version: 'v1' })]);
    expect(ds.map((d) => d.resource.name)).toEqual(['by-app', 'by-version']);
    expect(ds[0]).toMatchObject({ severity: Severity.ERROR, istioCode: 'IST0110' });
    expect(ds[0].message).toContain('Sidecar by-version');
    expect(ds[0].message).toContain('Deployment api');
  });

  test('accepts disjoint selectors', () => {
    expectClean(sidecarConflictingSelectors, [api, web, selecting('api', { app: 'api' }), selecting('web', { app: 'web' })]);
  });
});

describe('sidecar-multiple-namespace-defaults', () => {
  test('reports each of several selector-less Sidecars in one namespace', () => {
    const ds = run(sidecarMultipleNamespaceDefaults, [sidecar('default', 'shop', { egress: EGRESS }), sidecar('egress', 'shop', { egress: [{ hosts: ['*/*'] }] })]);
    expect(ds.map((d) => d.resource.name)).toEqual(['default', 'egress']);
    expect(ds[0]).toMatchObject({ severity: Severity.ERROR, istioCode: 'IST0111', path: 'spec' });
  });

  test('counts a workloadSelector without labels as namespace-wide', () => {
    expect(run(sidecarMultipleNamespaceDefaults, [sidecar('a', 'shop', { egress: EGRESS }), sidecar('b', 'shop', { workloadSelector: {}, egress: EGRESS })])).toHaveLength(2);
  });

  test('accepts one default per namespace', () => {
    expectClean(sidecarMultipleNamespaceDefaults, [sidecar('default', 'shop', { egress: EGRESS }), sidecar('default', 'billing', { egress: EGRESS })]);
  });
});

describe('sidecar-ineffective-in-ambient', () => {
  test('warns about a namespace Sidecar in an ambient namespace', () => {
    const ds = run(sidecarIneffectiveInAmbient, [namespaceObject('shop', { 'istio.io/dataplane-mode': 'ambient' }), sidecar('default', 'shop', { egress: EGRESS })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0167' });
    expect(ds[0].message).toContain('ambient mode');
  });

  test('warns about a Sidecar selecting ambient pods, instead of a conflict', () => {
    const ambientApi = deployment('api', 'shop', { app: 'api' }, { 'istio.io/dataplane-mode': 'ambient' });
    const objects = [ambientApi, selecting('a', { app: 'api' }), selecting('b', { app: 'api' })];
    expect(run(sidecarIneffectiveInAmbient, objects).map((d) => d.resource.name)).toEqual(['a', 'b']);
    expect(run(sidecarConflictingSelectors, objects)).toEqual([]);
  });

  test('accepts Sidecars in sidecar-injected namespaces', () => {
    expectClean(sidecarIneffectiveInAmbient, [namespaceObject('shop', { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' }), api, sidecar('default', 'shop', { egress: EGRESS })]);
  });
});

describe('namespace-not-enrolled', () => {
  const vs = virtualService('api', 'shop', { hosts: ['api'], http: [{ route: [{ destination: { host: 'api' } }] }] });

  test('reports a namespace with workloads the Istio config addresses but no enrollment', () => {
    const ds = run(namespaceNotEnrolled, [namespaceObject('shop'), api, vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'namespace-not-enrolled', severity: Severity.INFO, istioCode: 'IST0102', resource: { kind: 'Namespace', name: 'shop' } });
    expect(ds[0].message).toContain('Deployment api');
    expect(ds[0].message).toContain('VirtualService shop/api');
    expect(ds[0].fix).toContain('istio-injection=enabled');
  });

  test('counts a VirtualService of another namespace whose host is a service of this one', () => {
    const remote = virtualService('api', 'frontend', { hosts: ['api.shop.svc.cluster.local'], http: [{ route: [{ destination: { host: 'api.shop.svc.cluster.local' } }] }] });
    expect(run(namespaceNotEnrolled, [namespaceObject('shop'), api, remote])).toHaveLength(1);
  });

  test('accepts injection, revision and ambient labels, enrolled pod templates, and an explicit opt-out', () => {
    for (const labels of [{ 'istio-injection': 'enabled' }, { 'istio.io/rev': 'canary' }, { 'istio.io/dataplane-mode': 'ambient' }, { 'istio-injection': 'disabled' }]) {
      expectClean(namespaceNotEnrolled, [namespaceObject('shop', labels), api, vs]);
    }
    expectClean(namespaceNotEnrolled, [namespaceObject('shop'), deployment('api', 'shop', { app: 'api' }, { 'sidecar.istio.io/inject': 'true' }), vs]);
  });

  test('does not judge a namespace without Namespace object, or without Istio configuration', () => {
    expectClean(namespaceNotEnrolled, [api, vs]);
    expectClean(namespaceNotEnrolled, [namespaceObject('shop'), api]);
  });
});

describe('namespace-multiple-injection-labels', () => {
  test('warns about istio-injection=enabled together with a revision', () => {
    const ds = run(namespaceMultipleInjectionLabels, [namespaceObject('shop', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0123', path: 'metadata.labels' });
    expect(ds[0].message).toContain('istio-injection=enabled, istio.io/rev=canary');
  });

  test('accepts one label, and istio-injection=disabled next to the ambient label', () => {
    expectClean(namespaceMultipleInjectionLabels, [
      namespaceObject('a', { 'istio.io/rev': 'canary' }),
      namespaceObject('b', { 'istio-injection': 'disabled', 'istio.io/dataplane-mode': 'ambient' }),
    ]);
  });
});
