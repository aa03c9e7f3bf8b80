/**
 * Ingress through a Gateway API Gateway (gateway.networking.k8s.io, class istio): the listener
 * the request enters, the routes attached to it, their precedence, ReferenceGrants, and the
 * trace on to the backend Service.
 */
import { documents, SHOP } from './support';
import { MeshSimulator, RequestOutcome, RequestSource, RequestTarget } from '../../src';

/** A Gateway `edge` in namespace `infra` with the listeners given (YAML flow list). */
function gateway(listeners: string, name = 'edge'): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: infra}
spec:
  gatewayClassName: istio
  listeners: ${listeners}
`;
}

/** An HTTPRoute (or another route `kind`) called `name` in `namespace`, with the given spec lines. */
function route(name: string, namespace: string, spec: string, kind = 'HTTPRoute'): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;
}

const TO_API = `  rules:
  - backendRefs: [{name: api, namespace: shop, port: 80}]
`;

const GRANT = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: from-infra, namespace: shop}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]
  to: [{group: "", kind: Service}]
`;

function sim(...yaml: string[]): MeshSimulator {
  return MeshSimulator.fromManifests(documents(SHOP, ...yaml));
}

const through = RequestSource.viaGateway('infra', 'edge');

describe('viaGateway with a Gateway API Gateway', () => {
  test('a request whose host matches the listener wildcard hostname enters that listener and reaches the backend', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}]'),
      route('api', 'shop', '  parentRefs: [{name: edge, namespace: infra}]\n  rules:\n  - backendRefs: [{name: api, port: 80}]\n'),
    ).request({ from: through, to: RequestTarget.url('http://api.example.com/orders') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.listener).toMatchObject({ name: 'web', port: 80, protocol: 'HTTP', hostname: '*.example.com' });
    expect(trace.route!.virtualService).toEqual({ kind: 'HTTPRoute', namespace: 'shop', name: 'api' });
    expect(trace.route!.boundTo).toBe('infra/edge');
    expect(trace.destinations[0].host).toBe('api.shop.svc.cluster.local');
    expect(trace.destinations[0].server!.mtls).toBe(true);
  });

  test('a host the listener hostname does not take gets a 404 naming the listener', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}]'),
      route('api', 'shop', '  parentRefs: [{name: edge, namespace: infra}]\n  rules:\n  - backendRefs: [{name: api, port: 80}]\n'),
    ).request({ from: through, to: RequestTarget.url('http://example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.NO_ROUTE);
    expect(trace.statusCode).toBe(404);
    expect(trace.listener!.skipped).toEqual([{ name: 'web', reason: 'hostname *.example.com does not take host example.com' }]);
  });

  test('the listener with the most specific hostname takes the request, and the trace says why the other did not', () => {
    const trace = sim(
      gateway('[{name: any, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}, {name: shop, port: 80, protocol: HTTP, hostname: shop.example.com, allowedRoutes: {namespaces: {from: All}}}]'),
      route('api', 'shop', '  parentRefs: [{name: edge, namespace: infra, sectionName: shop}]\n  rules:\n  - backendRefs: [{name: api, port: 80}]\n'),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.listener!.name).toBe('shop');
    expect(trace.listener!.skipped[0].name).toBe('any');
    expect(trace.listener!.skipped[0].reason).toContain('less specifically than listener shop');
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
  });

  test('an HTTPRoute whose hostnames do not intersect the listener hostname is not attached', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP, hostname: shop.example.com, allowedRoutes: {namespaces: {from: All}}}]'),
      route('api', 'shop', '  parentRefs: [{name: edge, namespace: infra}]\n  hostnames: [other.example.com]\n  rules:\n  - backendRefs: [{name: api, port: 80}]\n'),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.NO_ROUTE);
    expect(trace.listener!.refusedRoutes[0].reason).toContain('do not intersect listener web\'s hostname shop.example.com');
  });

  test('allowedRoutes from Same (the default) refuses a route of another namespace', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP}]'),
      route('api', 'shop', '  parentRefs: [{name: edge, namespace: infra}]\n  rules:\n  - backendRefs: [{name: api, port: 80}]\n'),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.NO_ROUTE);
    expect(trace.listener!.refusedRoutes).toEqual([{
      route: { kind: 'HTTPRoute', namespace: 'shop', name: 'api' },
      reason: 'listener web admits routes of its own namespace only (allowedRoutes.namespaces.from Same, infra), and the route is in shop',
    }]);
  });

  test('allowedRoutes from Selector admits a route whose Namespace carries the selected label', () => {
    const trace = sim(
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {expose: "yes"}}\n',
      gateway('[{name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {expose: "yes"}}}}}]'),
      route('api', 'shop', '  parentRefs: [{name: edge, namespace: infra}]\n  rules:\n  - backendRefs: [{name: api, port: 80}]\n'),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
  });

  test('allowedRoutes kinds listing only HTTPRoute refuses a GRPCRoute', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP, allowedRoutes: {kinds: [{kind: HTTPRoute}]}}]'),
      route('orders', 'infra', '  parentRefs: [{name: edge}]\n  rules:\n  - backendRefs: [{name: api, namespace: shop, port: 80}]\n', 'GRPCRoute'),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/shop.Orders/Get'), method: 'POST' });
    expect(trace.outcome).toBe(RequestOutcome.NO_ROUTE);
    expect(trace.listener!.refusedRoutes[0].reason).toBe('listener web admits kinds HTTPRoute only (allowedRoutes.kinds), not GRPCRoute');
  });

  test('a backendRef to another namespace without a ReferenceGrant answers 500 from the gateway', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP}]'),
      route('api', 'infra', `  parentRefs: [{name: edge}]\n${TO_API}`),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.DIRECT_RESPONSE);
    expect(trace.statusCode).toBe(500);
    expect(trace.summary).toContain('no ReferenceGrant of the input in shop lets HTTPRoutes of infra reference it (RefNotPermitted)');
  });

  test('a refused backendRef keeps its weight: its share gets 500 while the permitted backend is routed', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP}]'),
      `apiVersion: v1
kind: Service
metadata: {name: api, namespace: infra}
spec:
  selector: {app: api}
  ports: [{name: http, port: 80}]
`,
      route('api', 'infra', `  parentRefs: [{name: edge}]
  rules:
  - backendRefs: [{name: api, port: 80, weight: 75}, {name: api, namespace: shop, port: 80, weight: 25}]
`),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.destinations.map((d) => [d.host, d.share, d.outcome])).toEqual([
      ['api.infra.svc.cluster.local', 75, RequestOutcome.ROUTED],
      ['api.shop.svc.cluster.local', 25, RequestOutcome.DIRECT_RESPONSE],
    ]);
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
  });

  test('with a ReferenceGrant in the backend namespace the same route reaches the Service', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP}]'),
      route('api', 'infra', `  parentRefs: [{name: edge}]\n${TO_API}`),
      GRANT,
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.destinations[0].server!.workload!.kind).toBe('Deployment');
  });

  test('an Exact path rule of a younger route wins over a prefix rule of an older one (Gateway API precedence)', () => {
    const older = route('prefix', 'infra', `  parentRefs: [{name: edge}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /orders}}]
    backendRefs: [{name: api, namespace: shop, port: 80}]
`).replace('namespace: infra}', 'namespace: infra, creationTimestamp: "2026-01-01T00:00:00Z"}');
    const younger = route('exact', 'infra', `  parentRefs: [{name: edge}]
  rules:
  - matches: [{path: {type: Exact, value: /orders/1}}]
    filters: [{type: RequestRedirect, requestRedirect: {hostname: legacy.example.com}}]
`).replace('namespace: infra}', 'namespace: infra, creationTimestamp: "2026-02-01T00:00:00Z"}');
    const trace = sim(gateway('[{name: web, port: 80, protocol: HTTP}]'), older, younger, GRANT)
      .request({ from: through, to: RequestTarget.url('http://shop.example.com/orders/1') });
    expect(trace.route!.virtualService.name).toBe('exact');
    expect(trace.outcome).toBe(RequestOutcome.REDIRECTED);
  });

  test('a route with a more specific hostname takes the host from a route without hostnames', () => {
    const trace = sim(
      gateway('[{name: web, port: 80, protocol: HTTP}]'),
      route('catch-all', 'infra', '  parentRefs: [{name: edge}]\n  rules:\n  - filters: [{type: RequestRedirect, requestRedirect: {hostname: www.example.com}}]\n'),
      route('api', 'infra', `  parentRefs: [{name: edge}]\n  hostnames: [shop.example.com]\n${TO_API}`),
      GRANT,
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/') });
    expect(trace.route!.virtualService.name).toBe('api');
    expect(trace.listener!.refusedRoutes.map((r) => r.route.name)).toEqual(['catch-all']);
  });

  test('an https request to a port whose listener is plain HTTP fails to connect', () => {
    const trace = sim(gateway('[{name: web, port: 443, protocol: HTTP}]'))
      .request({ from: through, to: RequestTarget.url('https://shop.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
    expect(trace.summary).toContain('plain HTTP');
  });

  test('a GRPCRoute attached to the listener routes by the gRPC service and method path', () => {
    const trace = sim(
      gateway('[{name: grpc, port: 80, protocol: HTTP}]'),
      route('orders', 'infra', [
        '  parentRefs: [{name: edge}]',
        '  rules:',
        '  - matches: [{method: {service: shop.Orders, method: Get}}]',
        '    backendRefs: [{name: api, namespace: shop, port: 80}]',
        '',
      ].join('\n'), 'GRPCRoute'),
      GRANT.replace('kind: HTTPRoute', 'kind: GRPCRoute'),
    ).request({ from: through, to: RequestTarget.url('http://shop.example.com/shop.Orders/Get'), method: 'POST' });
    expect(trace.route!.virtualService).toEqual({ kind: 'GRPCRoute', namespace: 'infra', name: 'orders' });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
  });

  test('with an Istio Gateway of the same name, viaGateway takes the Istio Gateway and notes it; viaGatewayApi the other', () => {
    const istioGateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
`;
    const s = sim(istioGateway, gateway('[{name: web, port: 80, protocol: HTTP}]'));
    const to = RequestTarget.url('http://shop.example.com/');
    const viaIstio = s.request({ from: through, to });
    expect(viaIstio.listener).toBeUndefined();
    expect(viaIstio.notes.join('\n')).toContain('the request goes through the Istio Gateway');
    expect(s.request({ from: RequestSource.viaGatewayApi('infra', 'edge'), to }).listener!.name).toBe('web');
  });

  test('a Gateway of a class Istio does not run is refused as input', () => {
    const s = sim(gateway('[{name: web, port: 80, protocol: HTTP}]').replace('gatewayClassName: istio', 'gatewayClassName: envoy'));
    expect(() => s.request({ from: through, to: RequestTarget.url('http://shop.example.com/') })).toThrow(/class "envoy", which Istio's controller/);
  });
});
