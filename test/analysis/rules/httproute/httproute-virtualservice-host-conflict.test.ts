import { backend, httpRoute, serviceParent } from '../../../fixtures/gateway-api';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('httproute-virtualservice-host-conflict');
const route = httpRoute('reviews', 'shop', [serviceParent('reviews')], [{ backendRefs: [backend('reviews-v1', 9080)] }]);
const vs = (hosts: string[], gateways?: string[]) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'shop' },
  spec: { hosts, ...(gateways ? { gateways } : {}), http: [{ route: [{ destination: { host: 'reviews' } }] }] },
});

describe('httproute-virtualservice-host-conflict', () => {
  test('reports a route attached to a Service whose host a mesh VirtualService also routes (short or full name)', () => {
    const d = one(rule, [route, vs(['reviews'])], { path: 'spec.parentRefs[0]' });
    expect(d.message).toMatch(/VirtualService shop\/reviews also routes its host reviews\.shop\.svc\.cluster\.local; Istio applies only one of them/);
    one(rule, [route, vs(['reviews.shop.svc.cluster.local'], ['mesh', 'istio-system/gw'])], { path: 'spec.parentRefs[0]' });
  });

  test('accepts a VirtualService bound only to gateways, or for another host', () => {
    none(rule, [route, vs(['reviews.shop.svc.cluster.local'], ['istio-system/gw'])]);
    none(rule, [route, vs(['ratings'])]);
  });
});
