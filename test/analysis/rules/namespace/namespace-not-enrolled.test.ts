import { Severity } from '../../../../src/analysis/diagnostic';
import { namespaceObject, virtualService, workload } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const namespaceNotEnrolled = ruleById('namespace-not-enrolled');

const api = workload('api', 'shop', { app: 'api', version: 'v1' });

describe('namespace-not-enrolled', () => {
  const vs = virtualService('api', 'shop', { hosts: ['api'], http: [{ route: [{ destination: { host: 'api' } }] }] });

  test('reports a namespace with workloads the Istio config addresses but no enrollment', () => {
    const found = one(namespaceNotEnrolled, [namespaceObject('shop'), api, vs], { path: 'metadata.labels', severity: Severity.INFO });
    expect(found).toMatchObject({ resource: { kind: 'Namespace', name: 'shop' } });
    expect(found.message).toContain('Deployment api');
    expect(found.message).toContain('VirtualService shop/api');
    expect(found.fix).toContain('istio-injection=enabled');
  });

  test('counts a VirtualService of another namespace whose host is a service of this one', () => {
    const remote = virtualService('api', 'frontend', { hosts: ['api.shop.svc.cluster.local'], http: [{ route: [{ destination: { host: 'api.shop.svc.cluster.local' } }] }] });
    one(namespaceNotEnrolled, [namespaceObject('shop'), api, remote], { path: 'metadata.labels' });
  });

  test('accepts injection, revision and ambient labels, enrolled pod templates, and an explicit opt-out', () => {
    for (const labels of [{ 'istio-injection': 'enabled' }, { 'istio.io/rev': 'canary' }, { 'istio.io/dataplane-mode': 'ambient' }, { 'istio-injection': 'disabled' }] as Array<Record<string, string>>) {
      clean(namespaceNotEnrolled, [namespaceObject('shop', labels), api, vs]);
    }
    clean(namespaceNotEnrolled, [namespaceObject('shop'), workload('api', 'shop', { app: 'api' }, { podLabels: { 'sidecar.istio.io/inject': 'true' } }), vs]);
  });

  test('does not judge a namespace without Namespace object, or without Istio configuration', () => {
    clean(namespaceNotEnrolled, [api, vs]);
    clean(namespaceNotEnrolled, [namespaceObject('shop'), api]);
  });
});
