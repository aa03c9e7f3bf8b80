/**
 * Client visibility, VirtualService precedence, DestinationRule merge, client TLS and the
 * server's decision.
 */
import { apiRoutes, shop } from './support';
import { RequestOutcome, RequestSource, RequestTarget } from '../../src';

const web = RequestSource.workload('shop', 'web');
const api = RequestTarget.url('http://api/');

const sidecar = (egressHosts: string, extra = '') => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  egress:
  - hosts: [${egressHosts}]
${extra}`;

describe('client visibility', () => {
  test('a Sidecar whose egress hosts do not import the host makes it invisible (passthrough under ALLOW_ANY)', () => {
    const trace = shop(sidecar('"istio-system/*"')).request({ from: web, to: api });
    expect(trace.client.hostVisible).toBe(false);
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.summary).toContain('PassthroughCluster');
  });

  test('"./*" imports the hosts of the Sidecar\'s own namespace', () => {
    expect(shop(sidecar('"./*"')).request({ from: web, to: api }).client.hostVisible).toBe(true);
  });

  test('an undeclared external host is a blackhole under REGISTRY_ONLY (502)', () => {
    const trace = shop(sidecar('"./*"', '  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n')).request({ from: web, to: RequestTarget.url('https://api.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.BLACKHOLE);
    expect(trace.statusCode).toBe(502);
  });

  test('an external host declared by a ServiceEntry is routed under REGISTRY_ONLY', () => {
    const se = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: example, namespace: shop}
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
`;
    const trace = shop(sidecar('"./*"', '  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n'), se).request({ from: web, to: RequestTarget.url('https://api.example.com/') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.destinations[0].policy.tls).toMatchObject({ mode: 'DISABLE', auto: true });
  });

  test('a VirtualService exported to another namespace does not apply to this client', () => {
    const trace = shop(apiRoutes('  - route: [{destination: {host: api, subset: v2}}]\n', '  exportTo: [other]\n')).request({ from: web, to: api });
    expect(trace.route).toBeUndefined();
  });

  test('a VirtualService exported only to the client\'s namespace wins over a public one', () => {
    const publicVs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api-public, namespace: platform}
spec:
  hosts: [api.shop.svc.cluster.local]
  http:
  - route: [{destination: {host: api.shop.svc.cluster.local, subset: v1}}]
`;
    const trace = shop(publicVs, apiRoutes('  - route: [{destination: {host: api, subset: v2}}]\n', '  exportTo: ["."]\n')).request({ from: web, to: api });
    expect(trace.route!.virtualService.name).toBe('api');
    expect(trace.notes.join(' ')).toContain('all claim');
  });

  test('a VirtualService bound only to a gateway does not apply to sidecars', () => {
    const trace = shop(apiRoutes('  - route: [{destination: {host: api, subset: v2}}]\n', '  gateways: [shop-gateway]\n')).request({ from: web, to: api });
    expect(trace.route).toBeUndefined();
  });
});

describe('DestinationRule policy', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN}
    connectionPool: {tcp: {maxConnections: 100}}
    portLevelSettings:
    - port: {number: 80}
      loadBalancer: {simple: RANDOM}
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
    trafficPolicy:
      outlierDetection: {consecutive5xxErrors: 3}
`;
  const to = (subset: string) => apiRoutes(`  - route: [{destination: {host: api, subset: ${subset}}}]\n`);

  test('a top-level port-level entry replaces the policy\'s fields for that port (no inheritance)', () => {
    const policy = shop(dr, to('v1')).request({ from: web, to: api }).destinations[0].policy;
    expect(policy.loadBalancer).toEqual({ simple: 'RANDOM' });
    expect(policy.connectionPool).toBeUndefined();
    expect(policy.levels).toEqual(['top-level', 'top-level port 80']);
  });

  test('a subset\'s policy adds its fields over the top-level one', () => {
    const policy = shop(dr, to('v2')).request({ from: web, to: api }).destinations[0].policy;
    expect(policy).toMatchObject({ loadBalancer: { simple: 'RANDOM' }, outlierDetection: { consecutive5xxErrors: 3 } });
  });

  test('a DestinationRule in the client\'s namespace is preferred over one in the host\'s namespace', () => {
    const clientDr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api-from-web, namespace: web}
spec:
  host: api.shop.svc.cluster.local
  trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: example.invalid/web}]}
`;
    const trace = shop(clientDr).request({ from: RequestSource.workload('web', 'web'), to: RequestTarget.url('http://api.shop/') });
    expect(trace.destinations[0].policy.destinationRule).toEqual({ kind: 'DestinationRule', namespace: 'web', name: 'api-from-web' });
  });

  test('tls mode DISABLE towards a STRICT server fails the connection', () => {
    const strict = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: STRICT}}
`;
    const disable = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api
  trafficPolicy: {tls: {mode: DISABLE}}
`;
    const trace = shop(strict, disable).request({ from: web, to: api });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
    expect(trace.tls).toEqual({ client: 'DISABLE', server: 'STRICT' });
  });

  test('auto mTLS sends plaintext to a server whose PeerAuthentication is DISABLE', () => {
    const off = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  mtls: {mode: DISABLE}
`;
    const trace = shop(off).request({ from: web, to: api });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.tls).toEqual({ client: 'DISABLE', server: 'DISABLE' });
  });

  test('a port-level PeerAuthentication setting applies to the container port the Service targets', () => {
    const pa = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  mtls: {mode: STRICT}
  portLevelMtls:
    8080: {mode: PERMISSIVE}
`;
    const server = shop(pa).request({ from: RequestSource.outsideMesh(), to: RequestTarget.url('http://api.shop/') }).destinations[0].server!;
    expect(server).toMatchObject({ port: 8080, mtlsMode: 'PERMISSIVE', mtlsLevel: 'port' });
  });
});

describe('authorization order', () => {
  const policy = (name: string, action: string, rules: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  action: ${action}
${rules}`;

  test('a matching CUSTOM policy hands the decision to its provider', () => {
    const trace = shop(policy('ext', 'CUSTOM', '  provider: {name: opa}\n  rules: [{}]\n')).request({ from: web, to: api });
    expect(trace.authorization).toMatchObject({ decision: 'CUSTOM', policy: { name: 'ext' } });
  });

  test('an AUDIT policy that matches is noted and does not decide', () => {
    const trace = shop(policy('audit-all', 'AUDIT', '  rules: [{}]\n')).request({ from: web, to: api });
    expect(trace.authorization).toMatchObject({ decision: 'ALLOW', audited: [{ name: 'audit-all' }] });
  });

  test('principals need mutual TLS: a plaintext client has none, so an ALLOW by principal denies it', () => {
    const allow = policy('from-web', 'ALLOW', '  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/web"]}}]}]\n');
    expect(shop(allow).request({ from: web, to: api }).outcome).toBe(RequestOutcome.ROUTED);
    expect(shop(allow).request({ from: RequestSource.outsideMesh(), to: RequestTarget.url('http://api.shop/') }).outcome).toBe(RequestOutcome.DENIED);
  });

  test('a mesh-wide ALLOW policy in the root namespace binds to every workload', () => {
    const root = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: only-gets, namespace: istio-system}
spec:
  rules: [{to: [{operation: {methods: [GET]}}]}]
`;
    expect(shop(root).request({ from: web, to: api, method: 'PUT' }).authorization).toMatchObject({ decision: 'DENY', policy: { namespace: 'istio-system' } });
  });
});

describe('TLS traffic', () => {
  const external = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments, namespace: shop}
spec:
  hosts: ["*.payments.example.com"]
  location: MESH_EXTERNAL
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: NONE
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: payments, namespace: shop}
spec:
  hosts: ["*.payments.example.com"]
  tls:
  - match:
    - port: 443
      sniHosts: [eu.payments.example.com]
    route: [{destination: {host: eu.payments.example.com}}]
  - match:
    - port: 443
      sniHosts: ["*.payments.example.com"]
    route: [{destination: {host: us.payments.example.com}}]
`;

  test('an https request takes the tls route whose sniHosts hold the host', () => {
    const trace = shop(external).request({ from: web, to: RequestTarget.url('https://eu.payments.example.com/') });
    expect(trace.route).toMatchObject({ kind: 'tls', index: 0 });
    expect(trace.destinations[0].host).toBe('eu.payments.example.com');
  });

  test('a tls route is skipped when its sniHosts do not hold the host', () => {
    const trace = shop(external).request({ from: web, to: RequestTarget.url('https://asia.payments.example.com/') });
    expect(trace.route!.skipped[0].reason).toBe('sniHosts [eu.payments.example.com], but the SNI is asia.payments.example.com');
    expect(trace.destinations[0].host).toBe('us.payments.example.com');
  });
});

describe('ingress gateway', () => {
  const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop-gateway, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.example.com"]
`;
  const bound = (name: string, host: string, subset: string, match = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: shop}
spec:
  hosts: ["${host}"]
  gateways: [shop-gateway]
  http:
  - ${match}route: [{destination: {host: api, subset: ${subset}}}]
`;
  const via = RequestSource.viaGateway('shop', 'shop-gateway');

  test('the VirtualService with the most specific host takes the request', () => {
    const trace = shop(gateway, bound('wild', '*.example.com', 'v1'), bound('exact', 'api.example.com', 'v2')).request({ from: via, to: RequestTarget.url('http://api.example.com/') });
    expect(trace.route!.virtualService.name).toBe('exact');
  });

  test('routes of VirtualServices with the same host are merged in input order', () => {
    const first = bound('a', 'api.example.com', 'v2', 'match: [{uri: {prefix: /v2}}]\n    ');
    const trace = shop(gateway, first, bound('b', 'api.example.com', 'v1')).request({ from: via, to: RequestTarget.url('http://api.example.com/orders') });
    expect(trace.route!.virtualService.name).toBe('b');
    expect(trace.route!.skipped[0].reason).toContain('shop/a: uri prefix "/v2"');
  });

  test('a port the Gateway has no server on fails the connection', () => {
    const trace = shop(gateway, bound('exact', 'api.example.com', 'v2')).request({ from: via, to: RequestTarget.url('http://api.example.com:8443/') });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
  });

  test('a host no server of the Gateway lists is a 404', () => {
    const trace = shop(gateway, bound('exact', 'api.example.com', 'v2')).request({ from: via, to: RequestTarget.url('http://api.example.org/') });
    expect(trace.statusCode).toBe(404);
  });
});

describe('VirtualService precedence at a sidecar', () => {
  test('an older public VirtualService with a wildcard host claims the service before a newer exact one', () => {
    const wildcard = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: all-shop, namespace: shop}
spec:
  hosts: ["*.shop.svc.cluster.local"]
  http:
  - route: [{destination: {host: api.shop.svc.cluster.local, subset: v1}}]
`;
    const trace = shop(wildcard, apiRoutes('  - route: [{destination: {host: api, subset: v2}}]\n')).request({ from: web, to: api });
    expect(trace.route!.virtualService.name).toBe('all-shop');
  });
});
