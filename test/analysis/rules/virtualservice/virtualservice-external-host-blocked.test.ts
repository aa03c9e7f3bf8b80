import { Severity } from '../../../../src/analysis/diagnostic';
import { meshConfigMap, serviceEntry, sidecar, virtualService, workload } from '../../../fixtures/manifests';
import { clean, one, ruleById, run } from '../../../fixtures/rules';

const virtualServiceExternalHostBlocked = ruleById('virtualservice-external-host-blocked');

const REGISTRY_ONLY = sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['./*', 'istio-system/*'] }] });
const app = workload('checkout', 'shop', { app: 'checkout' });
const payments = virtualService('payments', 'shop', {
  hosts: ['api.payments.example.com'],
  http: [{ timeout: '5s', route: [{ destination: { host: 'api.payments.example.com' } }] }],
});
const paymentsEntry = (spec: any = {}) => serviceEntry('payments', 'shop', {
  hosts: ['api.payments.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], ...spec,
});

describe('virtualservice-external-host-blocked', () => {
  test('reports an external host no ServiceEntry declares when the namespace Sidecar is REGISTRY_ONLY', () => {
    const d = one(virtualServiceExternalHostBlocked, [app, REGISTRY_ONLY, payments], { path: 'spec.http[0].route[0].destination.host', severity: Severity.ERROR });
    expect(d.istioCode).toBeUndefined();
    expect(d.message).toContain('namespace shop (Sidecar shop/default sets outboundTrafficPolicy REGISTRY_ONLY)');
    expect(d.fix).toContain('ServiceEntry for "api.payments.example.com"');
  });

  test('takes REGISTRY_ONLY from the mesh config when no Sidecar sets a policy', () => {
    const mesh = meshConfigMap('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n');
    const ds = run(virtualServiceExternalHostBlocked, [mesh, app, payments]);
    expect(ds[0].message).toContain('the mesh config (ConfigMap istio-system/istio (data.mesh)) sets outboundTrafficPolicy REGISTRY_ONLY');
  });

  test('reads an outboundTrafficPolicy without mode as REGISTRY_ONLY, and checks route destinations', () => {
    const blocked = sidecar('default', 'shop', { outboundTrafficPolicy: {} });
    const vs = virtualService('checkout', 'shop', { hosts: ['checkout'], http: [{ route: [{ destination: { host: 'checkout' } }], mirror: { host: 'audit.example.com' } }] });
    const ds = one(virtualServiceExternalHostBlocked, [app, blocked, vs], { path: 'spec.http[0].mirror.host' });
    expect(ds.message).toContain('without mode, which means REGISTRY_ONLY');
  });

  test('reports a ServiceEntry that is not exported to the blocked namespace', () => {
    const hidden = serviceEntry('payments', 'infra', {
      hosts: ['api.payments.example.com'], exportTo: ['.'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
    });
    const ds = run(virtualServiceExternalHostBlocked, [app, REGISTRY_ONLY, payments, hidden]);
    expect(ds[0].message).toContain('ServiceEntry infra/payments declares it but is not exported to that namespace');
  });

  test('accepts a declared host, a wildcard ServiceEntry, ALLOW_ANY, and gateway-only routes', () => {
    clean(virtualServiceExternalHostBlocked, [app, REGISTRY_ONLY, payments, paymentsEntry()]);
    clean(virtualServiceExternalHostBlocked, [app, REGISTRY_ONLY, payments, paymentsEntry({ hosts: ['*.payments.example.com'], resolution: 'NONE' })]);
    clean(virtualServiceExternalHostBlocked, [app, sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }), payments]);
    clean(virtualServiceExternalHostBlocked, [app, payments]);
  });

  test('a workload Sidecar with ALLOW_ANY unblocks only its workload', () => {
    const other = workload('reports', 'shop', { app: 'reports' });
    const allowCheckout = sidecar('checkout', 'shop', { workloadSelector: { labels: { app: 'checkout' } }, outboundTrafficPolicy: { mode: 'ALLOW_ANY' } });
    expect(run(virtualServiceExternalHostBlocked, [app, other, REGISTRY_ONLY, allowCheckout, payments])).toHaveLength(1);
    clean(virtualServiceExternalHostBlocked, [app, allowCheckout, payments, sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } })]);
  });

  test('a public host of a gateway-exposed VirtualService routed to an in-cluster service is not blocked', () => {
    const exposed = virtualService('productpage', 'shop', {
      hosts: ['productpage.shop.svc.cluster.local', 'bookinfo.example.com'],
      gateways: ['gw', 'mesh'],
      http: [{ route: [{ destination: { host: 'productpage.shop.svc.cluster.local' } }] }],
    });
    clean(virtualServiceExternalHostBlocked, [app, REGISTRY_ONLY, exposed]);
  });
});
