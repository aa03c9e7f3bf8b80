import { deployment, expectClean, gateway, gatewayWith, httpServer, httpsServer, run, secret, virtualService } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { gatewayConflictingServers } from '../../../../src/analysis/rules/gateway/gateway-conflicting-servers';
import { gatewayDuplicateCertificate } from '../../../../src/analysis/rules/gateway/gateway-duplicate-certificate';
import { gatewayCredentialNotFound } from '../../../../src/analysis/rules/gateway/gateway-credential-not-found';
import { gatewaySelectorNoWorkloads } from '../../../../src/analysis/rules/gateway/gateway-selector-no-workloads';
import { virtualServiceHostNotInGateway } from '../../../../src/analysis/rules/virtualservice/virtualservice-host-not-in-gateway';

const app = deployment('web', 'shop', { app: 'web' });
const ingressPods = deployment('edge-gw', 'edge', { app: 'edge-gw', istio: 'edge' });

describe('virtualservice-host-not-in-gateway', () => {
  const gw = gatewayWith('public', 'edge', httpServer(['shop.example.com']));

  test('warns when the bound Gateway serves none of the VirtualService hosts', () => {
    const vs = virtualService('web', 'shop', { hosts: ['www.example.com'], gateways: ['edge/public'], http: [{ route: [{ destination: { host: 'web' } }] }] });
    const ds = run(virtualServiceHostNotInGateway, [gw, vs]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'virtualservice-host-not-in-gateway', severity: Severity.WARNING, istioCode: 'IST0132', path: 'spec.gateways[0]' });
    expect(ds[0].message).toContain('"www.example.com"');
    expect(ds[0].message).toContain('"shop.example.com"');
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
    const ds = run(virtualServiceHostNotInGateway, [gw, vs]);
    expect(ds.map((d) => d.path)).toEqual(['spec.hosts[1]']);
  });

  test('accepts matching and wildcard hosts, and mesh-bound internal hosts', () => {
    expectClean(virtualServiceHostNotInGateway, [
      gatewayWith('public', 'edge', httpServer(['*.example.com'])),
      virtualService('web', 'shop', { hosts: ['shop.example.com', 'web'], gateways: ['edge/public', 'mesh'], http: [{ route: [{ destination: { host: 'web' } }] }] }),
    ]);
  });
});

describe('gateway-selector-no-workloads', () => {
  test('warns when a custom selector matches no pod of the app, listing the values present', () => {
    const gw = gatewayWith('public', 'edge', httpServer(['*']), { istio: 'edge-gateway' });
    const ds = run(gatewaySelectorNoWorkloads, [app, ingressPods, gw]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'gateway-selector-no-workloads', severity: Severity.WARNING, istioCode: 'IST0101', path: 'spec.selector' });
    expect(ds[0].message).toContain('istio=edge-gateway');
    expect(ds[0].message).toContain('"istio" is "edge"');
  });

  test('expects Istio\'s default ingress and egress gateways to be installed separately', () => {
    expectClean(gatewaySelectorNoWorkloads, [app, gatewayWith('in', 'edge', httpServer(['*'])), gatewayWith('out', 'edge', httpServer(['*']), { istio: 'egressgateway' })]);
  });

  test('accepts a selector matching a gateway deployment in another namespace', () => {
    expectClean(gatewaySelectorNoWorkloads, [app, ingressPods, gatewayWith('public', 'shop', httpServer(['*']), { istio: 'edge' })]);
  });
});

describe('gateway-credential-not-found', () => {
  const tlsGateway = gatewayWith('public', 'shop', httpsServer(['shop.example.com'], { mode: 'SIMPLE', credentialName: 'shop-cert' }), { istio: 'edge' });

  test('warns when the secret is not in the namespace of the gateway workload', () => {
    const ds = run(gatewayCredentialNotFound, [ingressPods, tlsGateway, secret('shop-cert', 'shop')]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'gateway-credential-not-found', severity: Severity.WARNING, istioCode: 'IST0101', path: 'spec.servers[0].tls.credentialName' });
    expect(ds[0].message).toContain('Secret edge/shop-cert');
  });

  test('accepts a secret in the gateway namespace, or one cert-manager will issue', () => {
    const certificate = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'shop', namespace: 'edge' }, spec: { secretName: 'shop-cert' } };
    expectClean(gatewayCredentialNotFound, [ingressPods, tlsGateway, secret('shop-cert', 'edge')]);
    expectClean(gatewayCredentialNotFound, [ingressPods, tlsGateway, certificate]);
  });

  test('does not judge a gateway whose workload is not in the app', () => {
    expectClean(gatewayCredentialNotFound, [app, gatewayWith('public', 'shop', httpsServer(['*'], { mode: 'SIMPLE', credentialName: 'x' }))]);
  });
});

describe('gateway-conflicting-servers', () => {
  test('reports two Gateways serving one host on one port with different TLS settings', () => {
    const a = gatewayWith('shop', 'edge', httpsServer(['shop.example.com'], { mode: 'SIMPLE', credentialName: 'shop-cert' }));
    const b = gatewayWith('shop-mtls', 'edge', { ...httpsServer(['shop.example.com'], { mode: 'MUTUAL', credentialName: 'shop-mtls' }), port: { number: 443, name: 'https-mtls', protocol: 'HTTPS' } });
    const ds = run(gatewayConflictingServers, [a, b]);
    expect(ds.map((d) => `${d.resource.name} ${d.path}`)).toEqual(['shop spec.servers[0]', 'shop-mtls spec.servers[0]']);
    expect(ds[0]).toMatchObject({ severity: Severity.ERROR, istioCode: 'IST0145' });
    expect(ds[0].message).toContain('Their TLS settings differ: SIMPLE with credentialName shop-cert here, MUTUAL with credentialName shop-mtls there');
    expect(ds[0].message).toContain('edge/shop-mtls');
  });

  test('compares the host name without its namespace prefix', () => {
    const a = gatewayWith('a', 'edge', httpServer(['team-a/app.example.com']));
    const b = gatewayWith('b', 'edge', httpServer(['./app.example.com']));
    expect(run(gatewayConflictingServers, [a, b])).toHaveLength(2);
  });

  test('accepts the same host on other ports, binds or gateway workloads', () => {
    expectClean(gatewayConflictingServers, [
      ingressPods,
      gatewayWith('a', 'edge', httpServer(['app.example.com'])),
      gatewayWith('b', 'edge', { ...httpServer(['app.example.com']), port: { number: 8080, name: 'http-alt', protocol: 'HTTP' } }),
      gatewayWith('c', 'edge', httpServer(['app.example.com']), { istio: 'edge' }),
      gatewayWith('d', 'edge', httpServer(['app.example.com'], { bind: '10.0.0.2' })),
    ]);
  });
});

describe('gateway-duplicate-certificate', () => {
  test('warns when two Gateways on one workload serve the same secret', () => {
    const a = gatewayWith('a', 'edge', httpsServer(['a.example.com'], { mode: 'SIMPLE', credentialName: 'wildcard-cert' }));
    const b = gatewayWith('b', 'edge', httpsServer(['b.example.com'], { mode: 'SIMPLE', credentialName: 'wildcard-cert' }));
    const ds = run(gatewayDuplicateCertificate, [a, b]);
    expect(ds.map((d) => d.resource.name)).toEqual(['a', 'b']);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0138', path: 'spec.servers[0].tls.credentialName' });
    expect(ds[0].message).toContain('HTTP/2');
  });

  test('accepts one Gateway server listing all hosts of the certificate', () => {
    expectClean(gatewayDuplicateCertificate, [
      gateway('all', 'edge', { selector: { istio: 'ingressgateway' }, servers: [httpsServer(['a.example.com', 'b.example.com'], { mode: 'SIMPLE', credentialName: 'wildcard-cert' })] }),
      gatewayWith('other', 'edge', httpsServer(['c.example.org'], { mode: 'SIMPLE', credentialName: 'org-cert' })),
    ]);
  });
});
