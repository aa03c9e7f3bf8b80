import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  FaultInjection,
  Gateway,
  GatewayApiChannel,
  GatewayServer,
  GatewaySelector,
  HttpRouteOptions,
  LoadBalancer,
  Mesh,
  MeshService,
  MeshServiceSource,
  Protocol,
  RedirectPortDerivation,
  RetryOn,
  RetryPolicy,
  RoutingApi,
  ServerTls,
  ServiceEntry,
  ServiceEntryResolution,
  StringMatch,
  TrafficPolicy,
  Waypoint,
} from '../../src';
import { expectValidGatewayApiObjects } from '../conformance/gateway-api-crd-validator';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

const EXPERIMENTAL = RoutingApi.gatewayApi({ channel: GatewayApiChannel.EXPERIMENTAL });

function app(routingApi: RoutingApi = RoutingApi.gatewayApi()): { app: App; chart: Chart } {
  const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-gwapi-')) });
  new Mesh(a, 'mesh', { routingApi });
  return { app: a, chart: new Chart(a, 'shop', { namespace: 'shop' }) };
}

function deployment(chart: Chart, id: string): kplus.Deployment {
  return new kplus.Deployment(chart, id, { containers: [{ image: `${id}:1`, portNumber: 9080, securityContext: { ensureNonRoot: false } }] });
}

/** A reviews service with versions v1 and v2. */
function reviews(chart: Chart, props: { routingApi?: RoutingApi; namespace?: string } = {}) {
  const svc = new MeshService(chart, `reviews${props.namespace ? `-${props.namespace}` : ''}`, { port: 9080, name: 'reviews', ...props });
  return { svc, v1: svc.addVersion('v1', deployment(chart, `reviews-v1${props.namespace ?? ''}`)), v2: svc.addVersion('v2', deployment(chart, `reviews-v2${props.namespace ?? ''}`)) };
}

function manifests(a: App): any[] {
  return a.charts.flatMap((c) => c.toJson());
}

function find(a: App, kind: string, name: string): any {
  const m = manifests(a).find((o) => o.kind === kind && o.metadata.name === name);
  if (!m) throw new Error(`no ${kind} ${name}`);
  return m;
}

function routeWith(options: HttpRouteOptions, routingApi: RoutingApi = RoutingApi.gatewayApi()): any {
  const { app: a, chart } = app(routingApi);
  const { svc } = reviews(chart);
  svc.addRoute(options);
  return find(a, 'HTTPRoute', 'reviews').spec.rules[0];
}

describe('RoutingApi', () => {
  test('Istio is the default: a canary renders a VirtualService and subsets, no HTTPRoute', () => {
    const a = new App();
    const chart = new Chart(a, 'shop', { namespace: 'shop' });
    const { svc, v1, v2 } = reviews(chart);
    svc.canary({ stable: v1, candidate: v2, weight: 10 });
    expect(svc.routingApi.isGatewayApi).toBe(false);
    expect(manifests(a).map((m) => m.kind)).toEqual(expect.arrayContaining(['VirtualService', 'DestinationRule']));
    expect(manifests(a).some((m) => m.kind === 'HTTPRoute')).toBe(false);
  });

  test('the standard channel is the default channel of gatewayApi()', () => {
    expect(RoutingApi.gatewayApi().channel).toBe(GatewayApiChannel.STANDARD);
    expect(RoutingApi.gatewayApi().toString()).toBe('gateway-api (standard)');
  });

  test('a MeshService can keep Istio\'s API in a Gateway API mesh', () => {
    const { app: a, chart } = app();
    const { svc, v1, v2 } = reviews(chart, { routingApi: RoutingApi.ISTIO });
    svc.canary({ stable: v1, candidate: v2, weight: 10 });
    expect(find(a, 'VirtualService', 'reviews').spec.http[0].route).toHaveLength(2);
  });
});

describe('mesh routes as HTTPRoute (GAMMA)', () => {
  test('a canary becomes backendRefs with weights to per-version Services, attached to the Service', () => {
    const { app: a, chart } = app();
    const { svc, v1, v2 } = reviews(chart);
    svc.canary({ stable: v1, candidate: v2, weight: 10 });
    const route = find(a, 'HTTPRoute', 'reviews');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'reviews' }]);
    expect(route.spec.rules[0].backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'reviews-v1', port: 9080, weight: 90 },
      { group: '', kind: 'Service', name: 'reviews-v2', port: 9080, weight: 10 },
    ]);
    expectValidGatewayApiObjects(manifests(a));
  });

  test('each version gets a Service selecting the app and version labels, and no DestinationRule subsets', () => {
    const { app: a, chart } = app();
    reviews(chart);
    const v2 = find(a, 'Service', 'reviews-v2');
    expect(v2.spec.selector).toEqual({ app: 'reviews', version: 'v2' });
    expect(v2.spec.ports).toEqual([expect.objectContaining({ port: 9080, name: 'http' })]);
    expect(manifests(a).some((m) => m.kind === 'DestinationRule')).toBe(false);
  });

  test('a later weight change is rendered (lazy)', () => {
    const { app: a, chart } = app();
    const { svc, v1, v2 } = reviews(chart);
    const canary = svc.canary({ stable: v1, candidate: v2, weight: 10 });
    canary.updateWeight(50);
    expect(find(a, 'HTTPRoute', 'reviews').spec.rules[0].backendRefs.map((b: any) => b.weight)).toEqual([50, 50]);
  });

  test('matches map to path, headers, query parameters and method; a prefix becomes an RE2 regex', () => {
    const rule = routeWith({
      matches: [{
        uri: StringMatch.prefix('/api'),
        headers: { 'end-user': StringMatch.exact('jason'), 'x-tier': StringMatch.prefix('gold.') },
        queryParams: { debug: StringMatch.regex('1|true') },
        method: StringMatch.exact('GET'),
      }],
    });
    expect(rule.matches).toEqual([{
      path: { type: 'PathPrefix', value: '/api' },
      headers: [{ type: 'Exact', name: 'end-user', value: 'jason' }, { type: 'RegularExpression', name: 'x-tier', value: 'gold\\..*' }],
      queryParams: [{ type: 'RegularExpression', name: 'debug', value: '1|true' }],
      method: 'GET',
    }]);
  });

  test('timeout becomes timeouts.request and retries (experimental) retry, perTryTimeout timeouts.backendRequest', () => {
    const rule = routeWith({
      timeout: Duration.seconds(90),
      retries: RetryPolicy.of({
        attempts: 3,
        perTryTimeout: Duration.millis(1500),
        backoff: Duration.millis(100),
        retryOn: [RetryOn.statusCode(503), RetryOn.statusCode(502)],
      }),
    }, EXPERIMENTAL);
    expect(rule.timeouts).toEqual({ request: '1m30s', backendRequest: '1s500ms' });
    expect(rule.retry).toEqual({ attempts: 3, backoff: '100ms', codes: [503, 502] });
  });

  test('headers, rewrite, mirror and CORS become filters', () => {
    const { app: a, chart } = app();
    const { svc, v2 } = reviews(chart);
    svc.addRoute({
      matches: [{ uri: StringMatch.prefix('/v1') }],
      rewrite: { uri: '/v2', authority: 'reviews.internal' },
      requestHeaders: { set: { 'x-env': 'prod' }, remove: ['x-debug'] },
      responseHeaders: { add: { 'x-served-by': 'reviews' } },
      mirrors: [{ version: v2, percentage: 5 }, { version: v2, percentage: 0.5 }],
      corsPolicy: { allowOrigins: [StringMatch.exact('https://shop.example.com')], allowMethods: ['GET'], maxAge: Duration.hours(1) },
    });
    const rule = find(a, 'HTTPRoute', 'reviews').spec.rules[0];
    expect(rule.filters).toEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }], remove: ['x-debug'] } },
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-served-by', value: 'reviews' }] } },
      { type: 'URLRewrite', urlRewrite: { hostname: 'reviews.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } },
      { type: 'RequestMirror', requestMirror: { backendRef: { group: '', kind: 'Service', name: 'reviews-v2', port: 9080 }, percent: 5 } },
      {
        type: 'RequestMirror',
        requestMirror: { backendRef: { group: '', kind: 'Service', name: 'reviews-v2', port: 9080 }, fraction: { numerator: 5000, denominator: 1000000 } },
      },
      { type: 'CORS', cors: { allowOrigins: ['https://shop.example.com'], allowMethods: ['GET'], maxAge: 3600 } },
    ]);
    expectValidGatewayApiObjects(manifests(a));
  });

  test('a redirect becomes a RequestRedirect filter with no backendRefs', () => {
    const rule = routeWith({ matches: [{ uri: StringMatch.exact('/old') }], redirect: { uri: '/new', scheme: 'https', redirectCode: 308 } });
    expect(rule.filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', path: { type: 'ReplaceFullPath', replaceFullPath: '/new' }, statusCode: 308 } }]);
    expect(rule.backendRefs).toBeUndefined();
  });

  test('a host destination becomes Istio\'s Hostname backendRef', () => {
    const rule = routeWith({ destinations: [{ host: 'api.example.com', port: 443 }] });
    expect(rule.backendRefs).toEqual([{ group: 'networking.istio.io', kind: 'Hostname', name: 'api.example.com', port: 443 }]);
  });

  test('a service whose ports are all gRPC gets a GRPCRoute', () => {
    const { app: a, chart } = app();
    const svc = new MeshService(chart, 'catalog', { ports: [{ port: 9090, protocol: Protocol.GRPC }] });
    svc.routeByHeader('x-user', 'beta', svc.addVersion('v2', deployment(chart, 'catalog-v2')));
    const route = find(a, 'GRPCRoute', 'catalog');
    expect(route.spec.rules[0]).toEqual({
      matches: [{ headers: [{ type: 'Exact', name: 'x-user', value: 'beta' }] }],
      backendRefs: [{ group: '', kind: 'Service', name: 'catalog-v2', port: 9090 }],
    });
    expectValidGatewayApiObjects(manifests(a));
  });

  test('a destination in another namespace gets a ReferenceGrant there', () => {
    const { app: a, chart } = app();
    const other = new Chart(a, 'ratings', { namespace: 'ratings' });
    const ratings = new MeshService(other, 'ratings', { port: 9080 });
    const { svc } = reviews(chart);
    svc.addRoute({ destinations: [{ service: ratings }] });
    expect(find(a, 'HTTPRoute', 'reviews').spec.rules[0].backendRefs).toEqual([{ group: '', kind: 'Service', name: 'ratings', namespace: 'ratings', port: 9080 }]);
    const grant = find(a, 'ReferenceGrant', 'reviews-from-shop');
    expect(grant.metadata.namespace).toBe('ratings');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: 'ratings' }],
    });
    expectValidGatewayApiObjects(manifests(a));
    expect(Mesh.of(a).analyze().filter((d) => d.ruleId.startsWith('httproute-'))).toEqual([]);
  });

  test('traffic policies stay in DestinationRules: the service\'s on its host, merged with the version\'s on the version Service', () => {
    const { app: a, chart } = app();
    const svc = new MeshService(chart, 'reviews', { port: 9080, trafficPolicy: new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin(), connectionPool: { tcp: { maxConnections: 10 } } }) });
    svc.addVersion('v1', deployment(chart, 'reviews-v1'), { trafficPolicy: new TrafficPolicy({ loadBalancer: LoadBalancer.random() }) });
    expect(find(a, 'DestinationRule', 'reviews').spec).toEqual({ host: 'reviews.shop.svc.cluster.local', trafficPolicy: expect.objectContaining({ loadBalancer: { simple: 'ROUND_ROBIN' } }) });
    const v1 = find(a, 'DestinationRule', 'reviews-v1').spec;
    expect(v1.host).toBe('reviews-v1.shop.svc.cluster.local');
    expect(v1.trafficPolicy.loadBalancer).toEqual({ simple: 'RANDOM' });
    expect(v1.trafficPolicy.connectionPool).toEqual({ tcp: { maxConnections: 10 } });
    expectValidIstioObjects(manifests(a).filter((m) => m.apiVersion.includes('istio.io')));
  });

  test('a policy applied after the routes writes each version\'s DestinationRule right after its Service', () => {
    const { app: a, chart } = app();
    const { svc, v1, v2 } = reviews(chart);
    svc.canary({ stable: v1, candidate: v2, weight: 10 });
    svc.applyTrafficPolicy(new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin() }));
    const order = manifests(a).filter((m) => m.kind !== 'Deployment').map((m) => `${m.kind} ${m.metadata.name}`);
    expect(order).toEqual([
      'Service reviews', 'Service reviews-v1', 'DestinationRule reviews-v1', 'Service reviews-v2', 'DestinationRule reviews-v2',
      'HTTPRoute reviews', 'DestinationRule reviews',
    ]);
  });
});

describe('ambient mode', () => {
  test('a waypoint serving the service applies the same HTTPRoute (attached to the Service), and the app analyses clean', () => {
    const { app: a, chart } = app();
    const { svc, v1, v2 } = reviews(chart);
    svc.canary({ stable: v1, candidate: v2, weight: 10 });
    new Waypoint(chart, 'waypoint').addMeshService(svc);
    expect(find(a, 'Gateway', 'waypoint').spec.gatewayClassName).toBe('istio-waypoint');
    expect(find(a, 'Service', 'reviews').metadata.labels).toMatchObject({ 'istio.io/use-waypoint': 'waypoint' });
    expect(find(a, 'HTTPRoute', 'reviews').spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'reviews' }]);
    expectValidGatewayApiObjects(manifests(a));
    expect(Mesh.of(a).analyze().filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('what the Gateway API cannot express is refused when the route is added', () => {
  test('fault injection, naming the construct path, the prop and the alternative', () => {
    expect(() => routeWith({ fault: FaultInjection.abortRequests({ httpStatus: 503, percentage: 10 }) }))
      .toThrow(/^shop\/reviews: route \(unnamed\) fault injects faults, which the Gateway API \(HTTPRoute\) cannot express; .*routingApi: RoutingApi\.ISTIO/);
  });

  test('retries on the standard channel, naming the experimental channel', () => {
    expect(() => routeWith({ retries: RetryPolicy.of({ attempts: 2 }) }))
      .toThrow(/retries are set, but HTTPRoute `retry` is only in the experimental channel.*GatewayApiChannel\.EXPERIMENTAL/);
  });

  test('retry conditions other than status codes', () => {
    expect(() => routeWith({ retries: RetryPolicy.of({ attempts: 2, retryOn: [RetryOn.CONNECT_FAILURE] }) }, EXPERIMENTAL))
      .toThrow(/retries\.retryOn lists 'connect-failure', but HTTPRoute retry\.codes holds HTTP status codes only/);
  });

  test('a direct response, a regex rewrite and a request-port redirect', () => {
    expect(() => routeWith({ directResponse: { status: 503 } })).toThrow(/directResponse answers directly/);
    expect(() => routeWith({ rewrite: { uriRegexRewrite: { match: '^/a/(.*)', rewrite: '/\\1' } } })).toThrow(/rewrite\.uriRegexRewrite rewrites the path with a regex/);
    expect(() => routeWith({ redirect: { scheme: 'https', derivePort: RedirectPortDerivation.FROM_REQUEST_PORT } })).toThrow(/redirect\.derivePort keeps the request's port/);
  });

  test('matches without a Gateway API field: withoutHeaders, sourceLabels, a method regex', () => {
    expect(() => routeWith({ matches: [{ withoutHeaders: { 'x-a': StringMatch.exact('1') } }] })).toThrow(/matches\[0\]\.withoutHeaders has no Gateway API HTTPRoute match field/);
    expect(() => routeWith({ matches: [{ sourceLabels: { app: 'web' } }] })).toThrow(/matches\[0\]\.sourceLabels has no Gateway API HTTPRoute match field; .*AuthorizationPolicy/);
    expect(() => routeWith({ matches: [{ method: StringMatch.prefix('P') }] })).toThrow(/matches\[0\]\.method is prefix 'P'; an HTTPRoute matches one method exactly/);
  });

  test('a fault set after the route was added fails the synth with the same message', () => {
    const { app: a, chart } = app();
    const { svc } = reviews(chart);
    svc.addRoute({ name: 'api' }).updateFault(FaultInjection.delayRequests({ fixedDelay: Duration.seconds(1), percentage: 5 }));
    expect(() => manifests(a)).toThrow(/shop\/reviews: route 'api' fault injects faults/);
  });

  test('a 17th route, past the CRD\'s 16 rules', () => {
    const { chart } = app();
    const { svc } = reviews(chart);
    for (let i = 0; i < 16; i++) svc.addRoute({ matches: [{ uri: StringMatch.exact(`/r${i}`) }] });
    expect(() => svc.addRoute({})).toThrow(/^shop\/reviews: gets route 17, but its HTTPRoute holds at most 16 rules/);
  });

  test('a mesh service adopting a Service it does not create', () => {
    const { chart } = app();
    const existing = new kplus.Service(chart, 'legacy', { ports: [{ port: 80 }] });
    expect(() => new MeshService(chart, 'legacy-mesh', { source: MeshServiceSource.fromService(existing) }))
      .toThrow(/routingApi is gateway-api \(standard\), but this mesh service adopts a Service or host it does not create/);
  });

  test('a version of a service on Istio\'s API as a destination', () => {
    const { app: a, chart } = app();
    const { v2: istioV2 } = reviews(chart, { routingApi: RoutingApi.ISTIO, namespace: 'legacy' });
    const front = new MeshService(chart, 'front', { port: 8080 });
    front.addRoute({ destinations: [{ version: istioV2 }] });
    expect(() => manifests(a)).toThrow(/destinations\[0\] names version 'v2' of shop\/reviews-legacy, whose routes are on Istio's API/);
  });
});

describe('gateways as Gateway API Gateways', () => {
  function bookinfoGateway(chart: Chart, servers?: GatewayServer[]) {
    return new Gateway(chart, 'bookinfo-gateway', {
      servers: servers ?? [
        GatewayServer.http({ hosts: ['bookinfo.example.com'], httpsRedirect: true }),
        GatewayServer.https({ hosts: ['bookinfo.example.com'], tls: ServerTls.simple('bookinfo-credential') }),
      ],
    });
  }

  test('servers become listeners of a class-istio Gateway, TLS a certificateRef to the Secret', () => {
    const { app: a, chart } = app();
    bookinfoGateway(chart);
    const gw = find(a, 'Gateway', 'bookinfo-gateway');
    expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gw.spec).toEqual({
      gatewayClassName: 'istio',
      listeners: [
        { name: 'http-80', port: 80, protocol: 'HTTP', hostname: 'bookinfo.example.com', allowedRoutes: { namespaces: { from: 'All' } } },
        {
          name: 'https-443',
          port: 443,
          protocol: 'HTTPS',
          hostname: 'bookinfo.example.com',
          allowedRoutes: { namespaces: { from: 'All' } },
          tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'bookinfo-credential' }] },
        },
      ],
    });
    expectValidGatewayApiObjects(manifests(a));
  });

  test('httpsRedirect becomes a redirect HTTPRoute on that listener, and exposed routes skip it', () => {
    const { app: a, chart } = app();
    const gateway = bookinfoGateway(chart);
    const { svc } = reviews(chart);
    svc.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'] });
    expect(find(a, 'HTTPRoute', 'bookinfo-gateway-https-redirect-0').spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'bookinfo-gateway', sectionName: 'http-80' }],
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    });
    const ingress = find(a, 'HTTPRoute', 'reviews-bookinfo-gateway').spec;
    expect(ingress.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'bookinfo-gateway', sectionName: 'https-443' }]);
    expect(ingress.hostnames).toEqual(['bookinfo.example.com']);
    expect(ingress.rules).toEqual([{ backendRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }] }]);
    expectValidGatewayApiObjects(manifests(a));
    expect(Mesh.of(a).analyze().filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('an exposed service attaches only to the listeners that serve its hosts', () => {
    const { app: a, chart } = app();
    const gateway = bookinfoGateway(chart, [
      GatewayServer.http({ hosts: ['bookinfo.example.com'] }),
      GatewayServer.http({ hosts: ['admin.example.com'], portName: 'admin' }),
      GatewayServer.http({ hosts: ['*.example.org'], port: 8080 }),
    ]);
    const { svc } = reviews(chart);
    svc.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com', 'www.example.org'] });
    expect(find(a, 'HTTPRoute', 'reviews-bookinfo-gateway').spec.parentRefs.map((p: any) => p.sectionName)).toEqual(['http-80', 'http-8080']);
  });

  test('exposing for hosts no listener serves fails the synth, naming the hosts', () => {
    const { app: a, chart } = app();
    const { svc } = reviews(chart);
    svc.exposeThroughGateway(bookinfoGateway(chart), { hosts: ['shop.example.net'] });
    expect(() => manifests(a)).toThrow(/the gateway has no HTTP or HTTPS listener for shop\.example\.net that does not redirect to HTTPS/);
  });

  test('a host limited to a namespace becomes allowedRoutes with a namespace selector', () => {
    const { app: a, chart } = app();
    bookinfoGateway(chart, [GatewayServer.http({ hosts: ['shop/shop.example.com', './admin.example.com'] })]);
    const listeners = find(a, 'Gateway', 'bookinfo-gateway').spec.listeners;
    expect(listeners.map((l: any) => [l.name, l.allowedRoutes])).toEqual([
      ['http-80-0', { namespaces: { from: 'Same' } }],
      ['http-80-1', { namespaces: { from: 'Same' } }],
    ]);
    const other = app();
    new Gateway(other.chart, 'edge', { namespace: 'istio-ingress', servers: [GatewayServer.http({ hosts: ['shop/shop.example.com'] })] });
    expect(find(other.app, 'Gateway', 'edge').spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } } });
  });

  test('refuses mutual TLS, a bind address and a selector, naming the prop', () => {
    const { chart } = app();
    expect(() => bookinfoGateway(chart, [GatewayServer.https({ hosts: ['a.example.com'], tls: ServerTls.mutual('cred') })]))
      .toThrow(/servers\[0\]\.tls is mode MUTUAL, which a standard Gateway API listener cannot express/);
    expect(() => new Gateway(chart, 'g2', { servers: [new GatewayServer({ port: 80, protocol: Protocol.HTTP, hosts: ['a.example.com'], bind: '10.0.0.1' })] }))
      .toThrow(/servers\[0\]\.bind is '10\.0\.0\.1'; a Gateway API listener has no bind address/);
    expect(() => new Gateway(chart, 'g3', { selector: GatewaySelector.egressGateway() })).toThrow(/selector is set, but with routingApi gateway-api/);
  });

  test('a Gateway API route cannot attach to an Istio Gateway', () => {
    const { chart } = app();
    const gateway = new Gateway(chart, 'istio-gw', { routingApi: RoutingApi.ISTIO, servers: [GatewayServer.http({ hosts: ['a.example.com'] })] });
    const { svc } = reviews(chart);
    expect(() => svc.exposeThroughGateway(gateway, { hosts: ['a.example.com'] })).toThrow(/an Istio Gateway; a Gateway API route attaches only to a Gateway API Gateway/);
  });
});

describe('egress', () => {
  test('routing through the egress gateway stays on Istio\'s API in a Gateway API mesh', () => {
    const { app: a, chart } = app();
    const entry = new ServiceEntry(chart, 'cnn', { hosts: ['edition.cnn.com'], ports: [{ number: 80, protocol: Protocol.HTTP }], resolution: ServiceEntryResolution.DNS });
    entry.routeThroughEgressGateway();
    const gateway = manifests(a).find((m) => m.kind === 'Gateway');
    expect(gateway.apiVersion).toBe('networking.istio.io/v1');
    expect(gateway.spec.selector).toEqual({ istio: 'egressgateway' });
    expect(Mesh.of(a).analyze().filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('examples/gateway-api', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require('../../examples/gateway-api/app');

  test('every Gateway API object it emits passes the experimental CRDs\' schema and CEL rules', () => {
    const a: App = build(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-gwapi-')));
    const all = manifests(a);
    expect(all.filter((m) => m.apiVersion.startsWith('gateway.networking.k8s.io/')).map((m) => `${m.kind} ${m.metadata.name}`).sort()).toEqual([
      'Gateway bookinfo-gateway', 'HTTPRoute bookinfo-gateway-https-redirect-0', 'HTTPRoute productpage-bookinfo-gateway', 'HTTPRoute reviews',
    ]);
    expectValidGatewayApiObjects(all, 'experimental');
    expect(Mesh.of(a).analyze()).toEqual([]);
  });

  test('the same chart with RoutingApi.ISTIO emits VirtualServices and an Istio Gateway instead', () => {
    const a: App = build(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-gwapi-')), RoutingApi.ISTIO);
    const all = manifests(a);
    expect(all.some((m) => m.apiVersion.startsWith('gateway.networking.k8s.io/'))).toBe(false);
    expect(find(a, 'VirtualService', 'reviews').spec.http[1].route.map((r: any) => [r.destination.subset, r.weight])).toEqual([['v1', 90], ['v2', 10]]);
    expect(Mesh.of(a).analyze().filter((d) => d.severity === 'error')).toEqual([]);
  });
});
