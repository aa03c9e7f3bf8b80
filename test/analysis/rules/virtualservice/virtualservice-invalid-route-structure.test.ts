import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { virtualService } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const virtualServiceInvalidRouteStructure = ruleById('virtualservice-invalid-route-structure');


describe('virtualservice-invalid-route-structure (IST0106)', () => {
  test('refuses a VirtualService without routes and an http route that goes nowhere', () => {
    const ds = many(virtualServiceInvalidRouteStructure, [
      virtualService('a', 'shop', { hosts: ['r'] }),
      virtualService('b', 'shop', { hosts: ['r'], http: [{ name: 'nowhere', timeout: '1s' }] }),
    ], ['spec', 'spec.http[0]']);
    expect(ds[1].message).toContain('route "nowhere" (#0) has no route, redirect, directResponse or delegate');
  });

  test('refuses tcp/tls routes without destinations and tls routes without SNI hosts', () => {
    many(virtualServiceInvalidRouteStructure, [
      virtualService('a', 'shop', { hosts: ['r'], tcp: [{ match: [{ port: 27017 }] }], tls: [{ match: [{ sniHosts: [] }], route: [{ destination: { host: 'r' } }] }] }),
    ], ['spec.tcp[0]', 'spec.tls[0].match[0].sniHosts']);
  });

  test('refuses what delegates cannot do: gateways, tcp routes, regex matches, delegating again', () => {
    many(virtualServiceInvalidRouteStructure, [
      virtualService('delegate', 'shop', {
        gateways: ['web'],
        http: [{ match: [{ uri: { regex: '/a.*' } }], route: [{ destination: { host: 'r' } }] }, { delegate: { name: 'other' } }],
        tcp: [{ route: [{ destination: { host: 'r' } }] }],
      }),
    ], ['spec.gateways', 'spec.tcp', 'spec.http[0].match[0].uri.regex', 'spec.http[1].delegate']);
  });

  test('accepts forwarding, redirecting, responding and delegating routes', () => {
    const vs = virtualService('a', 'shop', {
      hosts: ['r'],
      http: [
        { match: [{ uri: { prefix: '/old' } }], redirect: { uri: '/new' } },
        { match: [{ uri: { prefix: '/gone' } }], directResponse: { status: 410 } },
        { match: [{ uri: { prefix: '/team' } }], delegate: { name: 'team-routes' } },
        { route: [{ destination: { host: 'r' } }] },
      ],
    });
    expectValidIstioObjects([vs]);
    none(virtualServiceInvalidRouteStructure, [vs]);
  });
});
