import { gatewayParent, httpRoute, k8sGateway } from '../../../fixtures/gateway-api';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('httproute-parent-not-accepted');
const listeners = [
  { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
  { name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
];

describe('httproute-parent-not-accepted', () => {
  test('reports a sectionName that names no listener', () => {
    const d = one(rule, [k8sGateway('edge', 'shop', listeners), httpRoute('web', 'shop', [gatewayParent('edge', { sectionName: 'https' })], [])],
      { path: 'spec.parentRefs[0].sectionName' });
    expect(d.message).toMatch(/has no listener named 'https' \(listeners: http, tls\)/);
  });

  test('reports a route of another namespace on listeners that admit only their own (the default)', () => {
    const d = one(rule, [k8sGateway('edge', 'istio-ingress', [{ name: 'http', port: 80, protocol: 'HTTP' }]),
      httpRoute('web', 'shop', [gatewayParent('edge', { namespace: 'istio-ingress' })], [])], { path: 'spec.parentRefs[0]' });
    expect(d.message).toMatch(/admits no route of namespace shop/);
    expect(d.fix).toMatch(/allowedRoutes\.namespaces\.from: All/);
  });

  test('reports a parentRef whose port selects only a non-HTTP listener', () => {
    one(rule, [k8sGateway('edge', 'shop', listeners), httpRoute('web', 'shop', [gatewayParent('edge', { port: 443 })], [])], { path: 'spec.parentRefs[0]' });
  });

  test('accepts a matching listener, a namespace selector naming the route\'s namespace, and unknown Gateways', () => {
    none(rule, [k8sGateway('edge', 'shop', listeners), httpRoute('web', 'shop', [gatewayParent('edge', { sectionName: 'http' })], [])]);
    const selected = [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } } }];
    none(rule, [k8sGateway('edge', 'istio-ingress', selected), httpRoute('web', 'shop', [gatewayParent('edge', { namespace: 'istio-ingress' })], [])]);
    none(rule, [httpRoute('web', 'shop', [gatewayParent('elsewhere')], [])]);
  });
});
