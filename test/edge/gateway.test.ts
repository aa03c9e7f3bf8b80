import * as kplus from 'cdk8s-plus-28';
import { Gateway, GatewaySelector, GatewayServer, IstioApiVersion, Protocol, ServerTls } from '../../src';
import { edgeApp, only, problems, synthValid } from '../fixtures/app';

const HOSTS = ['bookinfo.example.com'];

function gatewayOf(chart: any, name?: string): any {
  return only(synthValid(chart), 'Gateway', name);
}

describe('Gateway: object and selector', () => {
  test('defaults to Istio\'s ingress gateway, in the chart\'s namespace, named after the id', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'bookinfo-gateway', { servers: [GatewayServer.http({ hosts: HOSTS })] });
    const gw = gatewayOf(chart);
    expect(gw.apiVersion).toBe('networking.istio.io/v1');
    expect(gw.metadata).toEqual({ name: 'bookinfo-gateway', namespace: 'shop' });
    expect(gw.spec.selector).toEqual({ istio: 'ingressgateway' });
  });

  test('emits networking.istio.io/v1beta1 when the mesh asks for it', () => {
    const { chart } = edgeApp({ apiVersion: IstioApiVersion.V1BETA1 });
    new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: HOSTS })] });
    expect(gatewayOf(chart).apiVersion).toBe('networking.istio.io/v1beta1');
  });

  test('an egress gateway selects istio: egressgateway', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'egress', { selector: GatewaySelector.egressGateway(), servers: [GatewayServer.http({ hosts: ['edition.cnn.com'] })] });
    expect(gatewayOf(chart).spec.selector).toEqual({ istio: 'egressgateway' });
  });

  test('a workload selector uses the labels the workload selects its pods by', () => {
    const { chart } = edgeApp();
    const proxy = new kplus.Deployment(chart, 'my-gateway', { containers: [{ image: 'auto', portNumber: 80 }] });
    proxy.exposeViaService();
    new Gateway(chart, 'gw', { selector: GatewaySelector.fromWorkload(proxy), servers: [GatewayServer.http({ hosts: HOSTS })] });
    expect(gatewayOf(chart).spec.selector).toEqual(proxy.matchLabels);
  });

  test('a label selector is written as given', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { selector: GatewaySelector.fromLabels({ app: 'internal-gateway' }), servers: [GatewayServer.http({ hosts: HOSTS })] });
    expect(gatewayOf(chart).spec.selector).toEqual({ app: 'internal-gateway' });
  });

  test('a label selector without labels, or with a wildcard, is refused', () => {
    expect(() => GatewaySelector.fromLabels({})).toThrow(/give at least one label/);
    expect(() => GatewaySelector.fromLabels({ app: '*' })).toThrow(/app=\* is not a valid Kubernetes label/);
  });

  test('an explicit name and namespace are used', () => {
    const { chart } = edgeApp();
    const gw = new Gateway(chart, 'gw', { name: 'public', namespace: 'edge', servers: [GatewayServer.http({ hosts: HOSTS })] });
    expect(gw.reference).toBe('edge/public');
    expect(gatewayOf(chart).metadata).toEqual({ name: 'public', namespace: 'edge' });
  });

  test('a name with dots is refused: Istio wants a DNS label', () => {
    const { chart } = edgeApp();
    expect(() => new Gateway(chart, 'gw', { name: 'public.gateway' })).toThrow(/shop\/gw: name 'public.gateway' is not a valid Gateway name.*'public-gateway'/);
  });

  test('a Gateway without a server fails the synth, naming the fix', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw');
    expect(() => synthValid(chart)).toThrow(/shop\/gw: the Gateway has no server.*addServer/);
  });

  test('the default ingress gateway selector raises no analysis problem', () => {
    const { mesh, chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: HOSTS })] });
    expect(problems(mesh)).toEqual([]);
  });
});

describe('Gateway: servers', () => {
  test('an HTTP server listens on 80 with a port name derived from protocol and number', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: HOSTS })] });
    expect(gatewayOf(chart).spec.servers).toEqual([{ port: { number: 80, name: 'http-80', protocol: 'HTTP' }, hosts: HOSTS }]);
  });

  test('an HTTP server can redirect every request to HTTPS', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: HOSTS, httpsRedirect: true })] });
    expect(gatewayOf(chart).spec.servers[0].tls).toEqual({ httpsRedirect: true });
  });

  test('an HTTPS server terminates TLS with the Secret named by credentialName', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.https({ hosts: HOSTS, tls: ServerTls.simple('bookinfo-credential') })] });
    expect(gatewayOf(chart).spec.servers).toEqual([{
      port: { number: 443, name: 'https-443', protocol: 'HTTPS' },
      hosts: HOSTS,
      tls: { mode: 'SIMPLE', credentialName: 'bookinfo-credential' },
    }]);
  });

  test('a TLS server passes TLS through unless told otherwise', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.tls({ hosts: ['db.example.com'], port: 15443 })] });
    expect(gatewayOf(chart).spec.servers[0]).toEqual({ port: { number: 15443, name: 'tls-15443', protocol: 'TLS' }, hosts: ['db.example.com'], tls: { mode: 'PASSTHROUGH' } });
  });

  test('a TCP server serves any host unless hosts are given', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.tcp({ port: 31400 })] });
    expect(gatewayOf(chart).spec.servers[0]).toEqual({ port: { number: 31400, name: 'tcp-31400', protocol: 'TCP' }, hosts: ['*'] });
  });

  test('other protocols, a server name, a port name and a bind address come from the props', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [new GatewayServer({ port: 9090, protocol: Protocol.GRPC, hosts: ['grpc.example.com'], portName: 'grpc-api', name: 'api', bind: '10.0.0.1' })] });
    expect(gatewayOf(chart).spec.servers[0]).toEqual({ port: { number: 9090, name: 'grpc-api', protocol: 'GRPC' }, hosts: ['grpc.example.com'], bind: '10.0.0.1', name: 'api' });
  });

  test('two servers on one port and protocol (SNI) get distinct port names', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', {
      servers: [
        GatewayServer.https({ hosts: ['a.example.com'], tls: ServerTls.simple('a-credential') }),
        GatewayServer.https({ hosts: ['b.example.com'], tls: ServerTls.simple('b-credential') }),
      ],
    });
    expect(gatewayOf(chart).spec.servers.map((s: any) => s.port.name)).toEqual(['https-443', 'https-443-2']);
  });

  test('a derived port name steps around an explicit one', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: ['a.example.com'] }), GatewayServer.http({ hosts: ['b.example.com'], port: 8080, portName: 'http-80' })] });
    expect(gatewayOf(chart).spec.servers.map((s: any) => s.port.name)).toEqual(['http-80-2', 'http-80']);
  });

  test('an explicit port name used twice is refused', () => {
    const { chart } = edgeApp();
    const gw = new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: HOSTS, portName: 'web' })] });
    expect(() => gw.addServer(GatewayServer.http({ hosts: HOSTS, port: 8080, portName: 'web' }))).toThrow(/shop\/gw: addServer\(1\)\.portName 'web' is already used/);
  });

  test('a server name used twice is refused', () => {
    const { chart } = edgeApp();
    const gw = new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: HOSTS, name: 'web' })] });
    expect(() => gw.addServer(GatewayServer.http({ hosts: HOSTS, port: 8080, name: 'web' }))).toThrow(/name 'web' is already used/);
  });

  test('servers added after the Gateway was created are rendered', () => {
    const { chart } = edgeApp();
    const gw = new Gateway(chart, 'gw');
    gw.addServer(GatewayServer.http({ hosts: HOSTS }));
    expect(gatewayOf(chart).spec.servers).toHaveLength(1);
    expect(gw.servers).toHaveLength(1);
  });

  test('hosts keep their namespace prefixes', () => {
    const { chart } = edgeApp();
    new Gateway(chart, 'gw', { servers: [GatewayServer.http({ hosts: ['shop/bookinfo.example.com', './internal.example.com', '*/*.example.com', '*'] })] });
    expect(gatewayOf(chart).spec.servers[0].hosts).toEqual(['shop/bookinfo.example.com', './internal.example.com', '*/*.example.com', '*']);
  });
});

describe('Gateway: what Istio rejects is refused when the server is added', () => {
  const add = (server: GatewayServer) => () => new Gateway(edgeApp().chart, 'gw', { servers: [server] });

  test('a short host name', () => {
    expect(add(GatewayServer.http({ hosts: ['productpage'] }))).toThrow(/shop\/gw: servers\[0\]\.hosts\[0\] 'productpage' is a short name; write the fully qualified name/);
  });

  test('a wildcard in the middle of a host', () => {
    expect(add(GatewayServer.http({ hosts: ['api.*.example.com'] }))).toThrow(/hosts\[0\] 'api\.\*\.example\.com' has a wildcard that is not the whole left-most label/);
  });

  test('a namespace part that is not a namespace name', () => {
    expect(add(GatewayServer.http({ hosts: ['Shop_NS/bookinfo.example.com'] }))).toThrow(/has namespace part 'Shop_NS'/);
  });

  test('no host', () => {
    expect(add(GatewayServer.http({ hosts: [] }))).toThrow(/servers\[0\]\.hosts is empty/);
  });

  test('a port outside 1..65535', () => {
    expect(add(GatewayServer.http({ hosts: HOSTS, port: 70000 }))).toThrow(/servers\[0\]\.port is 70000; a port is a whole number from 1 to 65535/);
  });

  test('an HTTPS server without TLS settings', () => {
    expect(add(new GatewayServer({ port: 443, protocol: Protocol.HTTPS, hosts: HOSTS }))).toThrow(/servers\[0\] is a HTTPS server without tls; Istio rejects it\. Set tls, e\.g\. tls: ServerTls\.simple/);
  });

  test('TLS settings on a plain-text HTTP server', () => {
    expect(add(new GatewayServer({ port: 80, protocol: Protocol.HTTP, hosts: HOSTS, tls: ServerTls.simple('c') })))
      .toThrow(/plain-text HTTP server with tls SIMPLE; Istio rejects TLS settings on it.*httpsRedirect: true/);
  });

  test('an invalid port name', () => {
    expect(add(GatewayServer.http({ hosts: HOSTS, portName: 'Web_Port' }))).toThrow(/portName 'Web_Port' is not a valid port name/);
  });

  test('a good server with an IP host is accepted', () => {
    expect(add(GatewayServer.http({ hosts: ['192.168.1.10'] }))).not.toThrow();
  });
});

describe('Gateway: hosts offered to VirtualServices of a namespace', () => {
  test('follow the namespace parts of the server hosts', () => {
    const { chart } = edgeApp();
    const gw = new Gateway(chart, 'gw', {
      namespace: 'edge',
      servers: [GatewayServer.http({ hosts: ['a.example.com', 'shop/b.example.com', 'other/c.example.com', './d.example.com', '*/e.example.com'] })],
    });
    expect(gw.hostsFor('shop')).toEqual(['a.example.com', 'b.example.com', 'e.example.com']);
    expect(gw.hostsFor('edge')).toEqual(['a.example.com', 'd.example.com', 'e.example.com']);
  });
});

describe('Gateway.fromName', () => {
  test('reads namespace and name', () => {
    const { chart } = edgeApp();
    const gw = Gateway.fromName(chart, 'shared', 'istio-system/shared-gateway');
    expect([gw.namespace, gw.name, gw.reference, gw.definedElsewhere]).toEqual(['istio-system', 'shared-gateway', 'istio-system/shared-gateway', true]);
  });

  test('a bare name is taken in the chart\'s namespace', () => {
    const { chart } = edgeApp();
    expect(Gateway.fromName(chart, 'shared', 'public').reference).toBe('shop/public');
  });

  test('emits nothing', () => {
    const { chart } = edgeApp();
    Gateway.fromName(chart, 'shared', 'istio-system/shared-gateway');
    expect(synthValid(chart)).toEqual([]);
  });

  test('a reference that is not namespace/name is refused', () => {
    const { chart } = edgeApp();
    expect(() => Gateway.fromName(chart, 'shared', 'istio-system/shared.gateway')).toThrow(/shop\/shared: Gateway.fromName\('istio-system\/shared.gateway'\) is not '<namespace>\/<name>'/);
    expect(() => Gateway.fromName(chart, 'empty', '')).toThrow(/needs a reference/);
  });
});
