import { Severity } from '../../../../src/analysis/diagnostic';
import { virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const virtualServiceGatewayIgnoresSubsetRouting = ruleById('virtualservice-gateway-ignores-subset-routing');

const route = (host: string, extra: any = {}) => ({ http: [{ route: [{ destination: { host, ...extra } }] }] });

describe('virtualservice-gateway-ignores-subset-routing (IST0140)', () => {
  const mesh = virtualService('reviews', 'shop', {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 90 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 10 }] }],
  });

  test('warns when a gateway VirtualService routes without subset to a host split by subsets for the mesh', () => {
    const ingress = virtualService('reviews-ingress', 'shop', { hosts: ['shop.example.com'], gateways: ['shop-gateway'], ...route('reviews.shop.svc.cluster.local') });
    const d = one(virtualServiceGatewayIgnoresSubsetRouting, [mesh, ingress], { path: 'spec.http[0].route[0].destination', severity: Severity.WARNING });
    expect(d).toMatchObject({ resource: { name: 'reviews-ingress' } });
    expect(d.message).toContain('VirtualService shop/reviews routes that host by subsets for the mesh only');
  });

  test('is quiet when the gateway route names a subset, or the subset VirtualService is bound to the gateway too', () => {
    const withSubset = virtualService('a', 'shop', { hosts: ['shop.example.com'], gateways: ['shop-gateway'], ...route('reviews', { subset: 'v1' }) });
    none(virtualServiceGatewayIgnoresSubsetRouting, [mesh, withSubset]);
    const both = virtualService('reviews', 'shop', { ...mesh.spec, gateways: ['shop-gateway', 'mesh'] });
    const ingress = virtualService('b', 'shop', { hosts: ['shop.example.com'], gateways: ['shop/shop-gateway'], ...route('reviews') });
    none(virtualServiceGatewayIgnoresSubsetRouting, [both, ingress]);
  });
});
