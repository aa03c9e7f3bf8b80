import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Gateway, GatewayServer, MeshService, ServerTls } from '../../src';
import { edgeApp, only, problems, synthValid } from '../fixtures/app';

/** An app with productpage (one version) and a gateway serving bookinfo.example.com. */
function bookinfo() {
  const { mesh, chart } = edgeApp();
  const productpage = new MeshService(chart, 'productpage', { port: 9080 });
  productpage.addVersion('v1', new kplus.Deployment(chart, 'productpage-v1', { containers: [{ image: 'productpage:1', portNumber: 9080 }] }));
  const gateway = new Gateway(chart, 'bookinfo-gateway', {
    servers: [
      GatewayServer.http({ hosts: ['bookinfo.example.com'], httpsRedirect: true }),
      GatewayServer.https({ hosts: ['bookinfo.example.com'], tls: ServerTls.simple('bookinfo-credential') }),
    ],
  });
  return { mesh, chart, productpage, gateway };
}

const vsOf = (chart: any) => only(synthValid(chart), 'VirtualService');

describe('MeshService.exposeThroughGateway', () => {
  test('binds the VirtualService to the gateway and to the mesh, adding the external host', () => {
    const { chart, productpage, gateway } = bookinfo();
    productpage.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'] });
    const vs = vsOf(chart);
    expect(vs.spec.gateways).toEqual(['shop/bookinfo-gateway', 'mesh']);
    expect(vs.spec.hosts).toEqual(['productpage.shop.svc.cluster.local', 'bookinfo.example.com']);
  });

  test('alsoInMesh: false leaves sidecars out: only the gateway uses the routes, for its hosts only', () => {
    const { mesh, chart, productpage, gateway } = bookinfo();
    productpage.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'], alsoInMesh: false });
    const vs = vsOf(chart);
    expect(vs.spec.gateways).toEqual(['shop/bookinfo-gateway']);
    expect(vs.spec.hosts).toEqual(['bookinfo.example.com']);
    expect(problems(mesh)).toEqual([]);
  });

  test('without hosts, takes the host names the gateway offers to the service\'s namespace', () => {
    const { chart, productpage } = bookinfo();
    const gw = new Gateway(chart, 'multi', { servers: [GatewayServer.http({ hosts: ['shop/shop.example.com', 'other/other.example.com', '*'] })] });
    productpage.exposeThroughGateway(gw);
    expect(vsOf(chart).spec.hosts).toEqual(['productpage.shop.svc.cluster.local', 'shop.example.com']);
  });

  test('without hosts, servers added to the gateway later count (rendered at synth)', () => {
    const { chart, productpage } = bookinfo();
    const gw = new Gateway(chart, 'late');
    productpage.exposeThroughGateway(gw);
    gw.addServer(GatewayServer.http({ hosts: ['late.example.com'] }));
    expect(vsOf(chart).spec.hosts).toContain('late.example.com');
  });

  test('without hosts, a gateway offering only "*" fails the synth asking for hosts', () => {
    const { chart, productpage } = bookinfo();
    productpage.exposeThroughGateway(new Gateway(chart, 'any', { servers: [GatewayServer.http({ hosts: ['*'] })] }));
    expect(() => synthValid(chart)).toThrow(/shop\/productpage: exposeThroughGateway\(shop\/any\) without hosts.*Give the host names clients use/);
  });

  test('"*" as a host is refused while the routes also apply to sidecars', () => {
    const { productpage, gateway } = bookinfo();
    expect(() => productpage.exposeThroughGateway(gateway, { hosts: ['*'] })).toThrow(/hosts include '\*' while the routes also apply to sidecars.*alsoInMesh: false/);
  });

  test('"*" as a host works for a gateway-only VirtualService (Istio\'s Bookinfo sample)', () => {
    const { chart, productpage } = bookinfo();
    productpage.exposeThroughGateway(new Gateway(chart, 'any', { servers: [GatewayServer.http({ hosts: ['*'] })] }), { hosts: ['*'], alsoInMesh: false });
    const vs = vsOf(chart);
    expect(vs.spec.hosts).toEqual(['*']);
    expect(vs.spec.gateways).toEqual(['shop/any']);
  });

  test('a host with a namespace prefix is refused: that form belongs to Gateway servers', () => {
    const { productpage, gateway } = bookinfo();
    expect(() => productpage.exposeThroughGateway(gateway, { hosts: ['shop/bookinfo.example.com'] })).toThrow(/hosts\[0\] 'shop\/bookinfo.example.com' has a namespace prefix/);
  });

  test('an empty hosts list is refused', () => {
    const { productpage, gateway } = bookinfo();
    expect(() => productpage.exposeThroughGateway(gateway, { hosts: [] })).toThrow(/hosts is empty/);
  });

  test('a service without routes gets a route to all its pods', () => {
    const { chart, productpage, gateway } = bookinfo();
    productpage.exposeThroughGateway(gateway);
    expect(vsOf(chart).spec.http).toEqual([{ route: [{ destination: { host: 'productpage.shop.svc.cluster.local' } }] }]);
  });

  test('routes added after the exposure are the ones served, in order', () => {
    const { chart, productpage, gateway } = bookinfo();
    productpage.exposeThroughGateway(gateway);
    productpage.routeByHeader('end-user', 'jason', productpage.version('v1'));
    productpage.promote(productpage.version('v1'));
    const http = vsOf(chart).spec.http;
    expect(http).toHaveLength(2);
    expect(http[0].match).toEqual([{ headers: { 'end-user': { exact: 'jason' } } }]);
  });

  test('several gateways: each is listed once, hosts accumulate', () => {
    const { chart, productpage, gateway } = bookinfo();
    const internal = new Gateway(chart, 'internal', { selector: undefined, servers: [GatewayServer.http({ hosts: ['bookinfo.internal.example.com'] })] });
    productpage.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'] });
    productpage.exposeThroughGateway(internal);
    productpage.exposeThroughGateway(gateway, { hosts: ['www.bookinfo.example.com'] });
    const vs = vsOf(chart);
    expect(vs.spec.gateways).toEqual(['shop/bookinfo-gateway', 'shop/internal', 'mesh']);
    expect(vs.spec.hosts).toEqual(['productpage.shop.svc.cluster.local', 'bookinfo.example.com', 'bookinfo.internal.example.com', 'www.bookinfo.example.com']);
  });

  test('mesh stays when one exposure keeps it', () => {
    const { chart, productpage, gateway } = bookinfo();
    productpage.exposeThroughGateway(gateway, { alsoInMesh: false });
    productpage.exposeThroughGateway(new Gateway(chart, 'other', { servers: [GatewayServer.http({ hosts: ['other.example.com'] })] }));
    expect(vsOf(chart).spec.gateways).toEqual(['shop/bookinfo-gateway', 'shop/other', 'mesh']);
  });

  test('a bound app synthesizes with no analysis problem and valid schema', () => {
    const { mesh, chart, productpage, gateway } = bookinfo();
    productpage.exposeThroughGateway(gateway);
    expect(() => synthValid(chart)).not.toThrow();
    expect(problems(mesh)).toEqual([]);
  });

  test('without exposure, the VirtualService has no gateways field (sidecars only)', () => {
    const { chart, productpage } = bookinfo();
    productpage.promote(productpage.version('v1'));
    expect(vsOf(chart).spec.gateways).toBeUndefined();
  });
});

describe('MeshService.exposeThroughGateway with a Gateway defined elsewhere', () => {
  test('names it by namespace/name and annotates the VirtualService to skip virtualservice-gateway-not-found', () => {
    const { mesh, chart, productpage } = bookinfo();
    const shared = Gateway.fromName(chart, 'shared', 'istio-system/shared-gateway');
    productpage.exposeThroughGateway(shared, { hosts: ['bookinfo.example.com'] });
    const vs = vsOf(chart);
    expect(vs.spec.gateways).toEqual(['istio-system/shared-gateway', 'mesh']);
    expect(vs.metadata.annotations).toEqual({ 'cdk8s-istio.io/ignore-rules': 'virtualservice-gateway-not-found,virtualservice-host-not-in-gateway' });
    expect(problems(mesh)).toEqual([]);
  });

  test('without the annotation the analysis would report the missing Gateway (why it is there)', () => {
    const { mesh, chart, productpage } = bookinfo();
    productpage.exposeThroughGateway(Gateway.fromName(chart, 'shared', 'istio-system/shared-gateway'), { hosts: ['bookinfo.example.com'] });
    (productpage.virtualService as ApiObject).metadata.addAnnotation('cdk8s-istio.io/ignore-rules', '');
    expect(problems(mesh).join('\n')).toMatch(/virtualservice-gateway-not-found/);
  });

  test('keeps rules the annotation already lists', () => {
    const { chart, productpage } = bookinfo();
    productpage.promote(productpage.version('v1'));
    productpage.virtualService!.metadata.addAnnotation('cdk8s-istio.io/ignore-rules', 'virtualservice-weights-not-100');
    productpage.exposeThroughGateway(Gateway.fromName(chart, 'shared', 'istio-system/shared-gateway'), { hosts: ['bookinfo.example.com'] });
    expect(vsOf(chart).metadata.annotations['cdk8s-istio.io/ignore-rules']).toBe('virtualservice-weights-not-100,virtualservice-gateway-not-found,virtualservice-host-not-in-gateway');
  });

  test('a Gateway of this app adds no annotation', () => {
    const { chart, productpage, gateway } = bookinfo();
    productpage.exposeThroughGateway(gateway);
    expect(vsOf(chart).metadata.annotations).toBeUndefined();
  });

  test('needs hosts, since its servers are unknown here', () => {
    const { chart, productpage } = bookinfo();
    expect(() => productpage.exposeThroughGateway(Gateway.fromName(chart, 'shared', 'istio-system/shared-gateway')))
      .toThrow(/shop\/productpage: exposeThroughGateway\(\) through istio-system\/shared-gateway, a Gateway defined outside this app: its hosts are unknown here/);
  });
});
