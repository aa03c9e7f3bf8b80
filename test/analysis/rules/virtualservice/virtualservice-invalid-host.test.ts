import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const virtualServiceInvalidHost = ruleById('virtualservice-invalid-host');

const http = (host: string) => ({ http: [{ route: [{ destination: { host } }] }] });

describe('virtualservice-invalid-host (IST0106)', () => {
  test('refuses "*" for the mesh, malformed hosts and repeated or overlapping hosts', () => {
    const ds = run(virtualServiceInvalidHost, [
      virtualService('a', 'shop', { hosts: ['*'], ...http('r') }),
      virtualService('b', 'shop', { hosts: ['under_score'], ...http('r') }),
      virtualService('c', 'shop', { hosts: ['*.example.com', 'api.example.com'], ...http('r') }),
    ]);
    expect(ds.map((d) => `${d.resource.name} ${d.path}`)).toEqual(['a spec.hosts[0]', 'b spec.hosts[0]', 'c spec.hosts[1]']);
    expect(ds[0]).toMatchObject({ ruleId: 'virtualservice-invalid-host', severity: Severity.ERROR, istioCode: 'IST0106' });
    expect(ds[2].message).toContain('overlap');
  });

  test('accepts "*" on a gateway-only VirtualService, IP hosts and distinct hosts', () => {
    const vss = [
      virtualService('a', 'shop', { hosts: ['*'], gateways: ['shop/web'], ...http('r') }),
      virtualService('b', 'shop', { hosts: ['10.0.0.1', 'reviews', 'ratings.shop.svc.cluster.local'], ...http('r') }),
    ];
    expectValidIstioObjects(vss);
    none(virtualServiceInvalidHost, vss);
  });
});

describe('virtualservice-invalid-host reads domain names as Istio\'s webhook does', () => {
  const bound = (host: string) => virtualService('edge', 'shop', { hosts: [host], gateways: ['shop/web'], ...http('r') });

  test.each(['reviews', 'reviews.shop.svc.cluster.local', '*.example.com', '*', '*-api.example.com', 'istio.io.', 'Reviews'])('accepts %s', (host) => {
    none(virtualServiceInvalidHost, [bound(host)]);
  });

  test.each(['a..b', 'a.*.com', 'api.example.123', 'under_score.com', `${'a'.repeat(64)}.com`])('refuses %j', (host) => {
    one(virtualServiceInvalidHost, [bound(host)], { path: 'spec.hosts[0]' });
  });

  // Istio's webhook refuses an empty host ("empty domain name not allowed"): hosts [""] has one
  // entry, so the VirtualService is no delegate.
  test('refuses "" as a host, next to other hosts or alone', () => {
    one(virtualServiceInvalidHost, [virtualService('a', 'shop', { hosts: ['reviews', ''], ...http('r') })], { path: 'spec.hosts[1]' });
    const d = one(virtualServiceInvalidHost, [virtualService('b', 'shop', { hosts: [''], ...http('r') })], { path: 'spec.hosts[0]' });
    expect(d.message).toContain('empty');
  });

  test('reads hosts [""] as no delegate, so its gateways are not refused as a delegate\'s', () => {
    const vs = virtualService('c', 'shop', { hosts: [''], gateways: ['shop/web'], ...http('r') });
    none(ruleById('virtualservice-invalid-route-structure'), [vs]);
  });
});
