import { destinationRule, run, virtualService } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { destinationRuleInvalidScope } from '../../../../src/analysis/rules/destinationrule/destinationrule-invalid-scope';
import { destinationRuleInvalidStructure } from '../../../../src/analysis/rules/destinationrule/destinationrule-invalid-structure';
import { virtualServiceInvalidExportTo } from '../../../../src/analysis/rules/virtualservice/virtualservice-invalid-export-to';
import { virtualServiceInvalidHost } from '../../../../src/analysis/rules/virtualservice/virtualservice-invalid-host';
import { virtualServiceInvalidReference } from '../../../../src/analysis/rules/virtualservice/virtualservice-invalid-reference';
import { virtualServiceInvalidRouteStructure } from '../../../../src/analysis/rules/virtualservice/virtualservice-invalid-route-structure';
import { exportToProblems, wildcardDomainProblem } from '../../../../src/analysis/validators/webhook-values';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

const http = (host: string) => ({ http: [{ route: [{ destination: { host } }] }] });
const paths = (ds: Array<{ path: string }>) => ds.map((d) => d.path);

describe('domain names as Istio\'s webhook reads them', () => {
  test.each(['reviews', 'reviews.shop.svc.cluster.local', '*.example.com', '*', '*-api.example.com', 'istio.io.', 'Reviews'])('accepts %s', (h) => {
    expect(wildcardDomainProblem(h)).toBeUndefined();
  });

  test.each(['', 'a..b', 'a.*.com', 'api.example.123', 'under_score.com', `${'a'.repeat(64)}.com`])('refuses %j', (h) => {
    expect(wildcardDomainProblem(h)).toBeDefined();
  });
});

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
    expect(run(virtualServiceInvalidHost, vss)).toEqual([]);
  });
});

describe('virtualservice-invalid-route-structure (IST0106)', () => {
  test('refuses a VirtualService without routes and an http route that goes nowhere', () => {
    const ds = run(virtualServiceInvalidRouteStructure, [
      virtualService('a', 'shop', { hosts: ['r'] }),
      virtualService('b', 'shop', { hosts: ['r'], http: [{ name: 'nowhere', timeout: '1s' }] }),
    ]);
    expect(paths(ds)).toEqual(['spec', 'spec.http[0]']);
    expect(ds[1].message).toContain('route "nowhere" (#0) has no route, redirect, directResponse or delegate');
  });

  test('refuses tcp/tls routes without destinations and tls routes without SNI hosts', () => {
    const ds = run(virtualServiceInvalidRouteStructure, [
      virtualService('a', 'shop', { hosts: ['r'], tcp: [{ match: [{ port: 27017 }] }], tls: [{ match: [{ sniHosts: [] }], route: [{ destination: { host: 'r' } }] }] }),
    ]);
    expect(paths(ds)).toEqual(['spec.tcp[0]', 'spec.tls[0].match[0].sniHosts']);
  });

  test('refuses what delegates cannot do: gateways, tcp routes, regex matches, delegating again', () => {
    const ds = run(virtualServiceInvalidRouteStructure, [
      virtualService('delegate', 'shop', {
        gateways: ['web'],
        http: [{ match: [{ uri: { regex: '/a.*' } }], route: [{ destination: { host: 'r' } }] }, { delegate: { name: 'other' } }],
        tcp: [{ route: [{ destination: { host: 'r' } }] }],
      }),
    ]);
    expect(paths(ds)).toEqual(['spec.gateways', 'spec.tcp', 'spec.http[0].match[0].uri.regex', 'spec.http[1].delegate']);
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
    expect(run(virtualServiceInvalidRouteStructure, [vs])).toEqual([]);
  });
});

describe('virtualservice-invalid-reference (IST0106)', () => {
  test('refuses malformed destinations', () => {
    const ds = run(virtualServiceInvalidReference, [
      virtualService('a', 'shop', { hosts: ['r'], http: [{ route: [{ destination: { host: '*' } }, { destination: { host: 'r', subset: 'v1.0', port: { number: 70000 } } }] }] }),
    ]);
    expect(paths(ds)).toEqual(['spec.http[0].route[0].destination.host', 'spec.http[0].route[1].destination.subset', 'spec.http[0].route[1].destination.port.number']);
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
    expect(run(virtualServiceInvalidReference, [vs])).toEqual([]);
  });
});

describe('virtualservice-invalid-export-to (IST0106)', () => {
  test('refuses repeated entries, "." next to the own namespace, and "*" with others', () => {
    expect(exportToProblems(['shop', '.'], 'shop').map((p) => p.problem)).toEqual(['"." repeats the own namespace shop']);
    expect(exportToProblems(['billing', 'billing'], 'shop').map((p) => p.problem)).toEqual(['"billing" is listed twice']);
    const ds = run(virtualServiceInvalidExportTo, [virtualService('a', 'shop', { hosts: ['r'], exportTo: ['*', 'billing', 'Billing'], ...http('r') })]);
    expect(ds.map((d) => d.message)).toEqual([
      'exportTo: "Billing" is not ".", "*", "~" or a namespace name; Istio rejects it.',
      'exportTo: "*" (everyone) cannot be combined with other entries; Istio rejects it.',
    ]);
  });

  test('accepts ".", "*" alone, and namespace lists', () => {
    const vss = [
      virtualService('a', 'shop', { hosts: ['r'], exportTo: ['.', 'billing'], ...http('r') }),
      virtualService('b', 'shop', { hosts: ['s'], exportTo: ['*'], ...http('s') }),
    ];
    expect(run(virtualServiceInvalidExportTo, vss)).toEqual([]);
  });
});

describe('destinationrule-invalid-structure (IST0106)', () => {
  test('refuses a malformed host, bad or repeated subset names and invalid subset labels', () => {
    const ds = run(destinationRuleInvalidStructure, [
      destinationRule('a', 'shop', { host: 'reviews_svc', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v1', labels: { version: 'v 2' } }, { name: 'v.3' }] }),
    ]);
    expect(paths(ds)).toEqual(['spec.host', 'spec.subsets[1].name', 'spec.subsets[1].labels', 'spec.subsets[2].name']);
    expect(ds[0]).toMatchObject({ ruleId: 'destinationrule-invalid-structure', severity: Severity.ERROR, istioCode: 'IST0106' });
  });

  test('refuses empty traffic policies, port-level settings without port, tunnel with proxyProtocol and a bad tunnel', () => {
    const ds = run(destinationRuleInvalidStructure, [
      destinationRule('a', 'shop', {
        host: 'r',
        trafficPolicy: { portLevelSettings: [{ tls: { mode: 'ISTIO_MUTUAL' } }], tunnel: { protocol: 'GET', targetHost: 'proxy_host', targetPort: 0 }, proxyProtocol: { version: 'V1' } },
        subsets: [{ name: 'v1', labels: { v: '1' }, trafficPolicy: {} }],
      }),
    ]);
    expect(paths(ds)).toEqual([
      'spec.trafficPolicy.proxyProtocol',
      'spec.trafficPolicy.tunnel.protocol',
      'spec.trafficPolicy.tunnel.targetHost',
      'spec.trafficPolicy.tunnel.targetPort',
      'spec.trafficPolicy.portLevelSettings[0]',
      'spec.subsets[0].trafficPolicy',
    ]);
  });

  test('accepts a well-formed DestinationRule', () => {
    const dr = destinationRule('a', 'shop', {
      host: 'reviews.shop.svc.cluster.local',
      trafficPolicy: { tunnel: { protocol: 'CONNECT', targetHost: 'api.example.com', targetPort: 443 }, portLevelSettings: [{ port: { number: 9080 }, tls: { mode: 'ISTIO_MUTUAL' } }] },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { retryBudget: { percent: 20 } } }],
    });
    expectValidIstioObjects([dr]);
    expect(run(destinationRuleInvalidStructure, [dr])).toEqual([]);
  });
});

describe('destinationrule-invalid-scope (IST0106)', () => {
  test('refuses exporting a DestinationRule with workloadSelector beyond its namespace, and wildcard selector labels', () => {
    const ds = run(destinationRuleInvalidScope, [
      destinationRule('a', 'shop', { host: 'r', exportTo: ['*'], workloadSelector: { matchLabels: { app: 'web*' } } }),
    ]);
    expect(paths(ds)).toEqual(['spec.exportTo', 'spec.workloadSelector.matchLabels.app']);
  });

  test('warns on a workloadSelector without labels', () => {
    const ds = run(destinationRuleInvalidScope, [destinationRule('a', 'shop', { host: 'r', workloadSelector: {} })]);
    expect(ds.map((d) => d.severity)).toEqual([Severity.WARNING]);
  });

  test('accepts exportTo "." with a workloadSelector, and any valid exportTo without one', () => {
    const drs = [
      destinationRule('a', 'shop', { host: 'r', exportTo: ['.'], workloadSelector: { matchLabels: { app: 'web' } } }),
      destinationRule('b', 'shop', { host: 's', exportTo: ['*'] }),
    ];
    expectValidIstioObjects(drs);
    expect(run(destinationRuleInvalidScope, drs)).toEqual([]);
  });
});
