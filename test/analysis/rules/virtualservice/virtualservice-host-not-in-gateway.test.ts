import { Severity } from '../../../../src/analysis/diagnostic';
import { gatewayWith, httpServer, virtualService } from '../../../fixtures/manifests';
import { clean, one, ruleById, run } from '../../../fixtures/rules';

const virtualServiceHostNotInGateway = ruleById('virtualservice-host-not-in-gateway');

describe('virtualservice-host-not-in-gateway', () => {
  const gw = gatewayWith('public', 'edge', httpServer(['shop.example.com']));

  test('warns when the bound Gateway serves none of the VirtualService hosts', () => {
    const vs = virtualService('web', 'shop', { hosts: ['www.example.com'], gateways: ['edge/public'], http: [{ route: [{ destination: { host: 'web' } }] }] });
    const d = one(virtualServiceHostNotInGateway, [gw, vs], { path: 'spec.gateways[0]', severity: Severity.WARNING });
    expect(d.message).toContain('"www.example.com"');
    expect(d.message).toContain('"shop.example.com"');
  });

  test('explains a namespace prefix that hides the host from the VirtualService namespace', () => {
    const scoped = gatewayWith('public', 'edge', httpServer(['./shop.example.com']));
    const vs = virtualService('web', 'shop', { hosts: ['shop.example.com'], gateways: ['edge/public'], http: [{ route: [{ destination: { host: 'web' } }] }] });
    const ds = run(virtualServiceHostNotInGateway, [scoped, vs]);
    expect(ds[0].message).toContain('"edge/shop.example.com"');
    expect(ds[0].fix).toContain('"*/shop.example.com"');
  });

  test('reports a host that none of its gateways serves when the VirtualService is not bound to the mesh', () => {
    const vs = virtualService('web', 'shop', { hosts: ['shop.example.com', 'admin.example.com'], gateways: ['edge/public'], http: [{ route: [{ destination: { host: 'web' } }] }] });
    one(virtualServiceHostNotInGateway, [gw, vs], { path: 'spec.hosts[1]' });
  });

  test('accepts matching and wildcard hosts, and mesh-bound internal hosts', () => {
    clean(virtualServiceHostNotInGateway, [
      gatewayWith('public', 'edge', httpServer(['*.example.com'])),
      virtualService('web', 'shop', { hosts: ['shop.example.com', 'web'], gateways: ['edge/public', 'mesh'], http: [{ route: [{ destination: { host: 'web' } }] }] }),
    ]);
  });
});
