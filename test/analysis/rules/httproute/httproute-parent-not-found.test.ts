import { backend, gatewayParent, httpRoute, k8sGateway, serviceParent } from '../../../fixtures/gateway-api';
import { selecting, service } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('httproute-parent-not-found');

describe('httproute-parent-not-found', () => {
  test('reports a Service parent that is not among the objects', () => {
    const d = one(rule, [httpRoute('reviews', 'shop', [serviceParent('reviews')], [{ backendRefs: [backend('reviews', 9080)] }])], { path: 'spec.parentRefs[0].name' });
    expect(d.message).toMatch(/attached to Service shop\/reviews, which is not among the analysed objects/);
  });

  test('reports a Gateway parent in the route\'s namespace when the Gateway is in another', () => {
    const gateway = k8sGateway('edge', 'istio-ingress', [{ name: 'http', port: 80, protocol: 'HTTP' }]);
    one(rule, [gateway, httpRoute('web', 'shop', [{ name: 'edge' }], [])], { path: 'spec.parentRefs[0].name' });
    none(rule, [gateway, httpRoute('web', 'shop', [gatewayParent('edge', { namespace: 'istio-ingress' })], [])]);
  });

  test('accepts an existing Service parent', () => {
    none(rule, [service('reviews', 'shop', selecting({ app: 'reviews' })), httpRoute('reviews', 'shop', [serviceParent('reviews')], [])]);
  });
});
