import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { virtualService } from '../../../fixtures/manifests';
import { many, none, ruleById, run } from '../../../fixtures/rules';

const virtualServiceInvalidReference = ruleById('virtualservice-invalid-reference');


describe('virtualservice-invalid-reference (IST0106)', () => {
  test('refuses malformed destinations', () => {
    many(virtualServiceInvalidReference, [
      virtualService('a', 'shop', { hosts: ['r'], http: [{ route: [{ destination: { host: '*' } }, { destination: { host: 'r', subset: 'v1.0', port: { number: 70000 } } }] }] }),
    ], ['spec.http[0].route[0].destination.host', 'spec.http[0].route[1].destination.subset', 'spec.http[0].route[1].destination.port.number']);
  });

  test('refuses malformed match attributes and warns on the legacy gateway name form', () => {
    const ds = run(virtualServiceInvalidReference, [
      virtualService('a', 'shop', {
        hosts: ['r'],
        gateways: ['web.shop', 'shop/Web_Gw'],
        tcp: [{ match: [{ port: 70000, destinationSubnets: ['10.0.0.0/33'], sourceLabels: { 'app!': 'x' } }], route: [{ destination: { host: 'r' } }] }],
        http: [{ match: [{ sourceNamespace: 'Shop_NS' }], route: [{ destination: { host: 'r' } }] }],
      }),
    ]);
    expect(ds.map((d) => `${d.path} ${d.severity}`)).toEqual([
      'spec.http[0].match[0].sourceNamespace error',
      'spec.tcp[0].match[0].port error',
      'spec.tcp[0].match[0].destinationSubnets[0] error',
      'spec.tcp[0].match[0].sourceLabels error',
      'spec.gateways[1] error',
      'spec.gateways[0] warning',
    ]);
    expect(ds[5].fix).toBe('Write "shop/web".');
  });

  test('refuses an SNI host the VirtualService hosts do not cover, and warns on an IP SNI host', () => {
    const ds = run(virtualServiceInvalidReference, [
      virtualService('a', 'shop', { hosts: ['*.example.com'], tls: [{ match: [{ sniHosts: ['api.other.com', '10.0.0.1'] }], route: [{ destination: { host: 'r' } }] }] }),
    ]);
    expect(ds.map((d) => `${d.path} ${d.severity}`)).toEqual(['spec.tls[0].match[0].sniHosts[0] error', 'spec.tls[0].match[0].sniHosts[1] warning']);
  });

  test('accepts well-formed references', () => {
    const vs = virtualService('a', 'shop', {
      hosts: ['*.example.com'],
      gateways: ['shop/web', 'mesh'],
      tls: [{ match: [{ sniHosts: ['api.example.com'], port: 443, destinationSubnets: ['10.0.0.0/8'] }], route: [{ destination: { host: 'api', port: { number: 443 } } }] }],
      http: [{ match: [{ sourceNamespace: 'shop', sourceLabels: { app: 'web' }, gateways: ['./web'] }], route: [{ destination: { host: 'r', subset: 'v1' } }] }],
    });
    expectValidIstioObjects([vs]);
    none(virtualServiceInvalidReference, [vs]);
  });
});
