/**
 * Random valid configurations built with the library's public constructs: each seed gives one
 * app (a few namespaces, services with versions and routes, edge, security and telemetry
 * objects) synthesized to YAML. A feature whose props the constructs reject is left out of that
 * app: the generator explores the API, it does not decide what is valid.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { Case } from './corpus';
import { Prng } from './prng';
import {
  AuthorizationAction, AuthorizationPolicy, AuthorizationRule, CaptureMode, ClientTls, ConditionKey,
  CustomTag, DataplaneMode, EgressRoute, FaultInjection, Gateway, GatewaySelector, GatewayServer, GrpcStatus,
  H2UpgradePolicy, HashAlgorithm, HttpRoute, HttpRouteMatch, IstioApiVersion, IstioMetric, LoadBalancer, Mesh,
  MeshProps, MeshService, MeshServiceSource, MtlsMode, NamespaceEnrollment, OutboundTrafficPolicy, PeerAuthentication,
  Principal, Protocol, RedirectPortDerivation, RequestAuthentication, RequestPrincipal, RetryOn, RetryPolicy,
  RuleCondition, RuleOperation, RuleSource, ServerTls, ServiceEntry, ServiceEntryLocation,
  ServiceEntryResolution, ServiceVersion, Sidecar, StringMatch, TagOverride, Telemetry, TlsProtocolVersion,
  TrafficPolicy, Waypoint, WaypointAllowedNamespaces, WaypointTrafficType, WorkloadEnrollment, WorkloadMode,
  WorkloadSelector,
} from '../../src';

const NAMESPACES = ['shop', 'payments', 'web', 'catalog', 'edge'];
const SERVICE_NAMES = ['reviews', 'ratings', 'cart', 'checkout', 'search', 'frontend', 'orders', 'users', 'auth', 'inventory'];
const VERSION_NAMES = ['v1', 'v2', 'v3', 'canary', 'stable'];
const PORTS = [80, 8080, 9080, 5000, 3000, 8443];
const EXTERNAL_HOSTS = ['api.example.com', 'www.googleapis.com', 'db.example.org', 'payments.example.net', 'login.example.io'];
const PUBLIC_HOSTS = ['shop.example.com', 'www.example.com', 'api.example.com', '*.example.com', 'app.example.org'];

/** Props pickers: each returns something the constructs document as valid. */
class Pick {
  constructor(private readonly r: Prng, private readonly complete = false) {}

  duration(minMs: number, maxMs: number): Duration {
    const ms = this.r.int(minMs, maxMs);
    return ms % 1000 === 0 ? Duration.seconds(ms / 1000) : Duration.millis(ms);
  }

  stringMatch(prefix: string): StringMatch {
    switch (this.r.int(0, 2)) {
      case 0: return StringMatch.exact(`${prefix}${this.r.pick(['a', 'b', 'api', 'v1'])}`);
      case 1: return StringMatch.prefix(`${prefix}${this.r.pick(['', 'api/', 'static/'])}`);
      default: return StringMatch.regex(`${prefix.replace(/\//g, '\\/')}[a-z]+`);
    }
  }

  match(): HttpRouteMatch {
    const r = this.r;
    return {
      ...(r.bool(0.7) ? { uri: this.stringMatch('/') } : {}),
      ...(r.bool(0.3) ? { method: StringMatch.exact(r.pick(['GET', 'POST', 'PUT'])) } : {}),
      ...(r.bool(0.3) ? { headers: { [r.pick(['end-user', 'x-canary', 'x-tenant'])]: StringMatch.exact(r.pick(['jason', 'true', 'acme'])) } } : {}),
      ...(r.bool(0.15) ? { queryParams: { debug: StringMatch.exact('1') } } : {}),
      ...(r.bool(0.15) ? { ignoreUriCase: true } : {}),
      ...(r.bool(0.1) ? { withoutHeaders: { 'x-internal': StringMatch.exact('1') } } : {}),
      ...(r.bool(0.1) ? { authority: StringMatch.prefix('shop') } : {}),
      ...(r.bool(0.1) ? { scheme: StringMatch.exact('https') } : {}),
    };
  }

  retries(): RetryPolicy {
    const r = this.r;
    if (r.bool(0.1)) return RetryPolicy.none();
    return RetryPolicy.of({
      attempts: r.int(1, 5),
      ...(r.bool(0.7) ? { perTryTimeout: this.duration(100, 5000) } : {}),
      ...(r.bool(0.7) ? { retryOn: r.some([RetryOn.FIVE_XX, RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE, RetryOn.RESET, RetryOn.RETRIABLE_4XX, RetryOn.REFUSED_STREAM, RetryOn.UNAVAILABLE, RetryOn.statusCode(503)], r.int(1, 3)) } : {}),
      ...(r.bool(0.2) ? { retryRemoteLocalities: r.bool() } : {}),
      ...(r.bool(0.15) ? { backoff: this.duration(25, 500) } : {}),
    });
  }

  fault(): FaultInjection {
    const r = this.r;
    const delay = { fixedDelay: this.duration(100, 7000), percentage: r.int(1, 100) };
    const abort = r.bool() ? { httpStatus: r.pick([400, 403, 500, 503]), percentage: r.int(1, 100) } : { grpcStatus: r.pick([GrpcStatus.UNAVAILABLE, GrpcStatus.INTERNAL, GrpcStatus.DEADLINE_EXCEEDED]), percentage: r.int(1, 50) };
    switch (r.int(0, 2)) {
      case 0: return FaultInjection.delayRequests(delay);
      case 1: return FaultInjection.abortRequests(abort);
      default: return FaultInjection.of({ delay, abort });
    }
  }

  loadBalancer(): LoadBalancer {
    const r = this.r;
    const locality = r.bool(0.2) ? { locality: { enabled: true, failover: [{ from: 'us-east1', to: 'us-west1' }] } } : {};
    switch (r.int(0, 6)) {
      case 0: return LoadBalancer.roundRobin(r.bool(0.3) ? { warmup: { duration: this.duration(1000, 60000) } } : locality);
      case 1: return LoadBalancer.leastRequest(locality);
      case 2: return LoadBalancer.random();
      case 3: return LoadBalancer.consistentHashByHeader('x-user', r.bool() ? { hashAlgorithm: HashAlgorithm.ringHash(1024) } : {});
      case 4: return LoadBalancer.consistentHashByCookie({ name: 'session', ttl: this.duration(1000, 3600000), ...(r.bool(0.3) ? { path: '/' } : {}) });
      case 5: return LoadBalancer.consistentHashBySourceIp(r.bool() ? { hashAlgorithm: HashAlgorithm.maglev(65537) } : {});
      default: return LoadBalancer.passthrough();
    }
  }

  clientTls(): ClientTls {
    const r = this.r;
    const kind = r.int(0, 3);
    // The policies are for services of the mesh: anything but Istio mTLS toward them conflicts
    // with a STRICT PeerAuthentication, so complete apps keep Istio mTLS.
    const sni = kind === 2 ? r.bool() : false;
    if (this.complete) return ClientTls.istioMutual();
    switch (kind) {
      case 0: return ClientTls.istioMutual();
      case 1: return ClientTls.disable();
      case 2: return ClientTls.simple(sni ? { sni: 'api.example.com' } : { credentialName: 'client-credential' });
      default: return ClientTls.mutual({ credentialName: 'client-credential' });
    }
  }

  trafficPolicy(): TrafficPolicy {
    const r = this.r;
    const props = {
      ...(r.bool(0.5) ? {
        connectionPool: {
          ...(r.bool(0.7) ? { tcp: { maxConnections: r.int(1, 1000), ...(r.bool(0.5) ? { connectTimeout: this.duration(100, 10000) } : {}), ...(r.bool(0.2) ? { tcpKeepalive: { time: this.duration(1000, 7200000), probes: r.int(1, 9) } } : {}) } } : {}),
          ...(r.bool(0.7) ? { http: { http1MaxPendingRequests: r.int(1, 1000), ...(r.bool(0.5) ? { http2MaxRequests: r.int(1, 1000) } : {}), ...(r.bool(0.3) ? { maxRequestsPerConnection: r.int(1, 100) } : {}), ...(r.bool(0.2) ? { h2UpgradePolicy: r.pick([H2UpgradePolicy.DEFAULT, H2UpgradePolicy.UPGRADE, H2UpgradePolicy.DO_NOT_UPGRADE]) } : {}), ...(r.bool(0.2) ? { idleTimeout: this.duration(1000, 600000) } : {}) } } : {}),
        },
      } : {}),
      ...(r.bool(0.5) ? {
        outlierDetection: {
          consecutive5xxErrors: r.int(1, 10),
          ...(r.bool(0.6) ? { interval: this.duration(1000, 60000) } : {}),
          ...(r.bool(0.6) ? { baseEjectionTime: this.duration(1000, 300000) } : {}),
          ...(r.bool(0.5) ? { maxEjectionPercent: r.int(1, 100) } : {}),
          ...(r.bool(0.2) ? { minHealthPercent: r.int(0, 100) } : {}),
          ...(r.bool(0.2) ? { consecutiveGatewayErrors: r.int(1, 10) } : {}),
        },
      } : {}),
      ...(r.bool(0.4) ? { loadBalancer: this.loadBalancer() } : {}),
      ...(r.bool(0.3) ? { tls: this.clientTls() } : {}),
    };
    if (r.bool(0.3)) return TrafficPolicy.circuitBreaker({ maxConnections: r.int(1, 500), maxPendingRequests: r.int(1, 100), consecutive5xxErrors: r.int(1, 10), baseEjectionTime: this.duration(1000, 120000), maxEjectionPercent: r.int(10, 100) });
    const policy = new TrafficPolicy(props);
    return r.bool(0.2) ? policy.extend({ portLevelSettings: [{ port: 8080, loadBalancer: LoadBalancer.leastRequest() }] }) : policy;
  }
}

/** Tries one feature; constructs that reject a random combination leave it out. */
function attempt(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

function workload(scope: Construct, name: string, version: string, port: number, r: Prng, sa?: kplus.ServiceAccount): kplus.Deployment {
  return new kplus.Deployment(scope, `${name}-${version}`, {
    replicas: r.int(1, 3),
    ...(sa ? { serviceAccount: sa } : {}),
    containers: [{
      name,
      image: `registry.example.com/${name}:${version}`,
      portNumber: port,
      securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
    }],
  });
}

/** Builds app number `seed` and returns its YAML (one file per chart). */
export function buildConstructApp(seed: number): { files: { name: string; content: string }[]; note: string } {
  const { app, used } = generateConstructApp(seed, { analyze: false });
  const files = app.charts.map((c) => ({
    name: `${c.node.id}.yaml`,
    content: c.toJson().map((o: any) => stringify(o, { lineWidth: 0 })).join('---\n'),
  })).filter((f) => f.content.trim() !== '');
  return { files, note: `seed ${seed}: ${[...new Set(used)].sort().join(', ') || 'services only'}` };
}

/** Options of {@link generateConstructApp}. */
export interface GenerateOptions {
  /**
   * Only apps without the combinations the analysis rightly reports as errors, which the
   * differential corpus wants and a test of complete apps does not:
   * - versions declared by labels only (`addVersionWithLabels`, pods deployed elsewhere): next to
   *   in-app versions of the same service their subset selects no pod of the app (IST0173);
   * - two-port services: the routing helpers (routeByHeader, promote, canary, split) take no
   *   port, so their destinations name none (IST0112);
   * - client TLS other than Istio mTLS toward mesh services, or a PeerAuthentication DISABLE:
   *   one side speaks mTLS and the other does not;
   * - two ServiceEntries for one external host;
   * - services exposed on a gateway host and also in the mesh (`alsoInMesh` is true by default):
   *   two mesh VirtualServices for one host (IST0109) when another service or an external service
   *   has that host too.
   * The random draws stay the same, so the other features of an app do not change.
   * @default false
   */
  readonly complete?: boolean;
}

/**
 * Builds app number `seed` (the same app for the same seed) with its Mesh made with `meshProps`
 * (the API version is drawn at random), and returns it unsynthesized, with the features it used.
 */
export function generateConstructApp(seed: number, meshProps: MeshProps = {}, options: GenerateOptions = {}): { app: App; mesh: Mesh; used: string[] } {
  const complete = options.complete ?? false;
  const r = new Prng(0x1571_0000 + seed * 7919);
  const pick = new Pick(r, complete);
  const used: string[] = [];
  const app = new App({ outdir: '/tmp/cdk8s-istio-differential-unused' });
  const mesh = new Mesh(app, 'mesh', { ...meshProps, apiVersion: r.bool(0.2) ? IstioApiVersion.V1BETA1 : IstioApiVersion.V1 });
  const namespaces = r.some(NAMESPACES, r.int(1, 2));
  const charts: Chart[] = [];
  const services: MeshService[] = [];
  const versions: ServiceVersion[] = [];
  const accounts: kplus.ServiceAccount[] = [];
  const gateways: Gateway[] = [];
  const entries: ServiceEntry[] = [];

  for (const ns of namespaces) {
    const chart = new Chart(app, `chart-${ns}`, { namespace: ns });
    charts.push(chart);
    for (const svcName of r.some(SERVICE_NAMES, r.int(1, 3))) {
      const port = r.pick(PORTS);
      const sa = new kplus.ServiceAccount(chart, `sa-${svcName}`, { metadata: { name: `${svcName}-sa` } });
      accounts.push(sa);
      let svc: MeshService | undefined;
      const sourceKind = r.int(0, 9);
      if (sourceKind === 0) {
        // The service adopts a workload as its selector (no versions created through the service).
        const w = workload(chart, svcName, 'main', port, r, sa);
        attempt(() => { svc = new MeshService(chart, svcName, { source: MeshServiceSource.fromWorkload(w) }); });
        used.push('source:workload');
      } else if (sourceKind === 1) {
        const admin = !complete ? [{ port: 9090, name: 'grpc-admin', protocol: Protocol.GRPC }] : [];
        attempt(() => { svc = new MeshService(chart, svcName, { ports: [{ port, name: 'http', protocol: Protocol.HTTP }, ...admin] }); });
        used.push('ports');
      } else {
        attempt(() => { svc = new MeshService(chart, svcName, { port, ...(r.bool(0.4) ? { trafficPolicy: pick.trafficPolicy() } : {}) }); });
      }
      if (!svc) continue;
      services.push(svc);
      const s = svc;
      const vs: ServiceVersion[] = [];
      if (sourceKind !== 0) {
        for (const v of r.some(VERSION_NAMES, r.int(1, 3))) {
          attempt(() => {
            const opts = r.bool(0.2) ? { trafficPolicy: pick.trafficPolicy() } : {};
            vs.push(r.bool(0.15) && !complete
              ? s.addVersionWithLabels(v, { app: s.name, version: v }, opts)
              : s.addVersion(v, workload(chart, svcName, v, port, r, sa), opts));
          });
        }
      }
      versions.push(...vs);
      if (r.bool(0.2)) attempt(() => s.applyTrafficPolicy(pick.trafficPolicy()));
      routeService(s, vs, services, r, pick, used);
    }
  }

  const chart = charts[0];
  const ns = namespaces[0];
  // Edge: a gateway with a few servers, services exposed through it.
  if (r.bool(0.6)) {
    attempt(() => {
      const servers: GatewayServer[] = [];
      const host = r.pick(PUBLIC_HOSTS);
      if (r.bool(0.8)) servers.push(GatewayServer.http({ hosts: [host], ...(r.bool(0.3) ? { httpsRedirect: true } : {}) }));
      if (r.bool(0.6)) {
        const tls = r.pick([
          () => ServerTls.simple(`${ns}-cert`, r.bool(0.3) ? { minProtocolVersion: TlsProtocolVersion.TLSV1_2 } : {}),
          () => ServerTls.mutual(`${ns}-cert`),
          () => ServerTls.optionalMutual(`${ns}-cert`),
          () => ServerTls.simpleFromFiles({ serverCertificate: '/etc/certs/server.pem', privateKey: '/etc/certs/key.pem' }),
          () => ServerTls.istioMutual(),
        ])();
        servers.push(GatewayServer.https({ hosts: [host], tls }));
      }
      if (r.bool(0.2)) servers.push(GatewayServer.tls({ hosts: ['tls.example.com'], tls: ServerTls.passthrough() }));
      if (r.bool(0.15)) servers.push(GatewayServer.tcp({ port: r.pick([31400, 27017, 3306]) }));
      if (servers.length === 0) servers.push(GatewayServer.http({ hosts: [host] }));
      const gw = new Gateway(chart, `gw-${ns}`, {
        servers,
        ...(r.bool(0.2) ? { selector: GatewaySelector.fromLabels({ istio: 'ingressgateway' }) } : {}),
        ...(r.bool(0.15) ? { namespace: 'istio-system' } : {}),
      });
      gateways.push(gw);
      for (const s of r.some(services, r.int(1, 2))) {
        // alsoInMesh is true by default; a public host in the mesh may meet another service on
        // it, or an external service of the same name, so complete apps leave the mesh out.
        const drawn = r.bool(0.3) ? { alsoInMesh: true } : {};
        const inMesh = complete ? { alsoInMesh: false } : drawn;
        attempt(() => s.exposeThroughGateway(gw, { hosts: gw.hostsFor(s.namespace).length > 0 ? [host.replace('*', 'www')] : [host], ...inMesh }));
      }
    });
    used.push('gateway');
  }
  // External services, sometimes through an egress gateway.
  const externalHosts = new Set<string>();
  for (let i = 0; i < r.int(0, 2); i++) {
    attempt(() => {
      const host = r.pick(EXTERNAL_HOSTS);
      // Two ServiceEntries for one host with different ports: routes to one's port miss the other.
      if (complete && externalHosts.has(host)) return;
      externalHosts.add(host);
      const https = r.bool();
      const resolution = r.pick([ServiceEntryResolution.DNS, ServiceEntryResolution.DNS, ServiceEntryResolution.STATIC, ServiceEntryResolution.NONE]);
      const se = new ServiceEntry(chart, `se-${i}`, {
        hosts: [host],
        ports: https ? [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] : [{ number: 80, protocol: Protocol.HTTP, name: 'http' }],
        resolution,
        location: r.bool(0.8) ? ServiceEntryLocation.MESH_EXTERNAL : ServiceEntryLocation.MESH_INTERNAL,
        ...(r.bool(0.3) ? { exportTo: ['.'] } : {}),
        // NONE forwards to the address the client called: the construct rejects endpoints with it.
        ...(resolution === ServiceEntryResolution.STATIC || (resolution === ServiceEntryResolution.DNS && r.bool(0.3)) ? { endpoints: [{ address: resolution === ServiceEntryResolution.STATIC ? `10.0.${i}.${r.int(1, 250)}` : host }] } : {}),
        ...(r.bool(0.2) ? { addresses: [`240.0.0.${r.int(1, 250)}`] } : {}),
      });
      entries.push(se);
      if (r.bool(0.25)) {
        const egw = new Gateway(chart, `egress-${i}`, { selector: GatewaySelector.egressGateway(), servers: [GatewayServer.tls({ hosts: [host], tls: ServerTls.passthrough(), port: 443 })] });
        new EgressRoute(chart, `egress-route-${i}`, { serviceEntry: se, gateway: egw });
        used.push('egress-route');
      }
    });
    used.push('service-entry');
  }
  // Sidecar scoping.
  if (r.bool(0.35)) {
    attempt(() => {
      new Sidecar(chart, 'sidecar', {
        ...(services.length > 0 && r.bool(0.5) ? { selector: WorkloadSelector.fromMeshService(services[0]) } : {}),
        egress: [
          { hosts: ['./*', 'istio-system/*', ...(r.bool(0.3) ? ['*/api.example.com'] : [])] },
          // bind and captureMode belong to a listener of its own port.
          ...(r.bool(0.2) ? [{ hosts: ['./*'], port: 9090, protocol: Protocol.HTTP, portName: 'http-egress', captureMode: CaptureMode.DEFAULT }] : []),
        ],
        ...(r.bool(0.3) ? { outboundTrafficPolicy: r.bool() ? OutboundTrafficPolicy.registryOnly() : OutboundTrafficPolicy.allowAny() } : {}),
        ...(r.bool(0.2) && services.length > 0 ? { ingress: [{ port: 9080, protocol: Protocol.HTTP, portName: 'http', defaultEndpoint: '127.0.0.1:9080' }] } : {}),
      });
    });
    used.push('sidecar');
  }
  // Security: mTLS, authorization, JWT.
  if (r.bool(0.5)) {
    attempt(() => {
      const pa = new PeerAuthentication(chart, 'mtls', {
        // Complete apps keep mTLS on: their traffic policies ask for Istio mTLS.
        mode: ((m) => (complete && m === MtlsMode.DISABLE ? MtlsMode.PERMISSIVE : m))(r.pick([MtlsMode.STRICT, MtlsMode.PERMISSIVE, MtlsMode.DISABLE, MtlsMode.UNSET])),
        ...(services.length > 0 && r.bool(0.4) ? { selector: WorkloadSelector.fromMeshService(services[0]) } : {}),
        ...(r.bool(0.1) ? { meshWide: true } : {}),
      });
      if (r.bool(0.2) && services.length > 0) attempt(() => pa.addPortMtls(8080, MtlsMode.PERMISSIVE));
    });
    used.push('peer-authentication');
  }
  if (r.bool(0.5)) {
    if (r.bool(0.4)) attempt(() => AuthorizationPolicy.denyAll(chart, 'deny-all'));
    for (const s of r.some(services, r.int(0, 2))) {
      attempt(() => AuthorizationPolicy.allowCallers(chart, `allow-${s.name}`, {
        to: s,
        from: [r.bool(0.7) && accounts.length > 0 ? Principal.fromServiceAccount(r.pick(accounts)) : Principal.fromName('istio-system', 'istio-ingressgateway-service-account')],
        ...(r.bool(0.6) ? { methods: r.some(['GET', 'POST', 'PUT', 'DELETE'], r.int(1, 2)) } : {}),
        ...(r.bool(0.3) ? { paths: ['/api/*'] } : {}),
      }));
    }
    if (r.bool(0.4)) {
      attempt(() => {
        const action = r.pick([AuthorizationAction.ALLOW, AuthorizationAction.DENY, AuthorizationAction.AUDIT]);
        new AuthorizationPolicy(chart, 'custom-policy', {
          action,
          ...(services.length > 0 && r.bool(0.5) ? { selector: WorkloadSelector.fromMeshService(services[0]) } : {}),
          rules: [new AuthorizationRule({
            from: [r.pick([() => RuleSource.fromNamespaces(ns), () => RuleSource.fromIpBlocks('10.0.0.0/8'), () => RuleSource.fromRequestPrincipals(RequestPrincipal.of('https://issuer.example.com', 'user-1')), () => RuleSource.fromPrincipals(Principal.fromName(ns, 'default'))])()],
            to: [r.pick([() => RuleOperation.onPaths('/admin', '/internal/*'), () => RuleOperation.onMethods('DELETE'), () => RuleOperation.onPorts(8080), () => RuleOperation.onHosts('admin.example.com')])()],
            ...(r.bool(0.3) ? { when: [r.pick([() => RuleCondition.matches(ConditionKey.requestHeader('x-tenant'), 'acme'), () => RuleCondition.notMatches(ConditionKey.SOURCE_IP, '10.1.0.0/16'), () => RuleCondition.matches(ConditionKey.requestAuthClaim('groups'), 'admin')])()] } : {}),
          })],
        });
      });
    }
    used.push('authorization-policy');
  }
  if (r.bool(0.3)) {
    attempt(() => {
      const ra = new RequestAuthentication(chart, 'jwt', {
        ...(services.length > 0 && r.bool(0.6) ? { selector: WorkloadSelector.fromMeshService(services[0]) } : {}),
        jwtRules: [{
          issuer: 'https://issuer.example.com',
          jwksUri: 'https://issuer.example.com/.well-known/jwks.json',
          ...(r.bool(0.3) ? { audiences: ['shop'] } : {}),
          ...(r.bool(0.2) ? { fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }] } : {}),
          ...(r.bool(0.2) ? { forwardOriginalToken: true } : {}),
          ...(r.bool(0.2) ? { outputClaimToHeaders: [{ header: 'x-user', claim: 'sub' }] } : {}),
        }],
      });
      if (r.bool(0.5)) ra.requireJwt(r.bool() ? { paths: ['/api/*'] } : {});
    });
    used.push('request-authentication');
  }
  // Telemetry.
  if (r.bool(0.4)) {
    attempt(() => {
      new Telemetry(chart, 'telemetry', {
        ...(services.length > 0 && r.bool(0.3) ? { selector: WorkloadSelector.fromMeshService(services[0]) } : {}),
        ...(r.bool(0.6) ? { accessLogging: [{ providers: ['envoy'], ...(r.bool(0.5) ? { filter: 'response.code >= 400' } : {}), ...(r.bool(0.2) ? { mode: WorkloadMode.SERVER } : {}) }] } : {}),
        ...(r.bool(0.5) ? { tracing: [{ randomSamplingPercentage: r.int(0, 100), ...(r.bool(0.4) ? { customTags: { env: CustomTag.literal('prod'), user: CustomTag.header('end-user', 'anonymous') } } : {}) }] } : {}),
        ...(r.bool(0.4) ? { metrics: [{ providers: ['prometheus'], overrides: [{ metric: r.pick([IstioMetric.REQUEST_COUNT, IstioMetric.ALL_METRICS, IstioMetric.REQUEST_DURATION]), ...(r.bool(0.5) ? { tagOverrides: { request_host: TagOverride.remove() } } : { disabled: r.bool(0.3) }) }] }] } : {}),
      });
    });
    used.push('telemetry');
  }
  // Ambient: waypoints and enrollment.
  if (r.bool(0.15)) {
    attempt(() => {
      const wp = new Waypoint(chart, 'waypoint', { trafficType: r.pick([WaypointTrafficType.SERVICE, WaypointTrafficType.ALL, WaypointTrafficType.WORKLOAD]), ...(r.bool(0.3) ? { allowedNamespaces: WaypointAllowedNamespaces.all() } : {}) });
      if (services.length > 0) attempt(() => wp.addMeshService(services[0]));
      if (r.bool(0.5)) attempt(() => new NamespaceEnrollment(chart, 'enroll', { mode: DataplaneMode.ambient(), name: ns, waypoint: wp }));
    });
    used.push('waypoint');
  } else if (r.bool(0.15)) {
    // A namespace without sidecars cannot terminate the Istio mTLS that complete apps' policies ask
    // for (destinationrule-mtls-conflict), so complete apps keep sidecars; the draw stays the same.
    const modes = [DataplaneMode.sidecar(), DataplaneMode.sidecarRevision('canary'), complete ? DataplaneMode.sidecar() : DataplaneMode.none()];
    attempt(() => new NamespaceEnrollment(chart, 'enroll', { mode: r.pick(modes), name: ns }));
    used.push('namespace-enrollment');
  }
  if (r.bool(0.1)) {
    attempt(() => {
      const d = workload(chart, 'legacy', 'v1', 8080, r);
      new WorkloadEnrollment(chart, 'legacy-enroll', { workload: d, mode: DataplaneMode.none() });
    });
    used.push('workload-enrollment');
  }

  return { app, mesh, used };
}

/** Routes for one service, chosen at random among the library's routing helpers. */
function routeService(s: MeshService, vs: ServiceVersion[], all: MeshService[], r: Prng, pick: Pick, used: string[]): void {
  if (vs.length === 0) return;
  const kind = r.int(0, 6);
  if (kind === 0 && vs.length >= 2) {
    attempt(() => {
      const c = s.canary({ stable: vs[0], candidate: vs[1], weight: r.int(1, 99) });
      const step = r.int(0, 3);
      if (step === 1) c.shift(r.int(-10, 10));
      if (step === 2) c.promote();
      if (step === 3) c.rollback();
      if (r.bool(0.4)) c.route.updateTimeout(pick.duration(500, 30000));
      if (r.bool(0.4)) c.route.updateRetries(pick.retries());
    });
    used.push('canary');
  } else if (kind === 1 && vs.length >= 2) {
    attempt(() => {
      const a = r.int(1, 99);
      s.split({ [vs[0].name]: a, [vs[1].name]: 100 - a });
    });
    used.push('split');
  } else if (kind === 2) {
    attempt(() => s.routeByHeader(r.pick(['end-user', 'x-canary']), r.pick(['jason', 'true']), r.pick(vs)));
    if (r.bool(0.5)) attempt(() => s.promote(vs[0]));
    used.push('route-by-header');
  } else if (kind === 3) {
    attempt(() => s.promote(r.pick(vs)));
    used.push('promote');
  } else if (kind >= 4) {
    for (let i = 0; i < r.int(1, 3); i++) {
      attempt(() => {
        const route: HttpRoute = s.addRoute({
          ...(r.bool(0.3) ? { name: `route-${i}` } : {}),
          ...(r.bool(0.7) ? { matches: [pick.match()] } : {}),
          ...(r.bool(0.8) ? { destinations: [{ version: r.pick(vs) }] } : {}),
          ...(r.bool(0.4) ? { timeout: pick.duration(100, 60000) } : {}),
          ...(r.bool(0.4) ? { retries: pick.retries() } : {}),
          ...(r.bool(0.2) ? { fault: pick.fault() } : {}),
          ...(r.bool(0.15) ? { mirrors: [{ version: r.pick(vs), percentage: r.int(1, 100) }] } : {}),
          ...(r.bool(0.1) && all.length > 1 ? { mirrors: [{ service: all[0] }] } : {}),
          ...(r.bool(0.15) ? { rewrite: r.bool() ? { uri: '/' } : { uriRegexRewrite: { match: '^/v1/(.*)', rewrite: '/\\1' }, ...(r.bool() ? { authority: 'internal.example.com' } : {}) } } : {}),
          ...(r.bool(0.15) ? { requestHeaders: { set: { 'x-route': `r${i}` }, ...(r.bool() ? { remove: ['x-debug'] } : {}) } } : {}),
          ...(r.bool(0.1) ? { responseHeaders: { add: { 'x-served-by': s.name } } } : {}),
          ...(r.bool(0.1) ? { corsPolicy: { allowOrigins: [StringMatch.exact('https://www.example.com')], allowMethods: ['GET', 'POST'], ...(r.bool() ? { maxAge: Duration.hours(1) } : {}), ...(r.bool() ? { allowCredentials: true } : {}) } } : {}),
        });
        if (r.bool(0.1)) route.addMatch(pick.match());
      });
    }
    // A route without destinations: a redirect or a direct response.
    if (r.bool(0.15)) {
      attempt(() => s.addRoute({
        matches: [{ uri: StringMatch.prefix('/old') }],
        ...(r.bool()
          ? { redirect: { uri: '/new', ...(r.bool() ? { redirectCode: r.pick([301, 302, 308]) } : {}), ...(r.bool(0.3) ? { derivePort: RedirectPortDerivation.FROM_REQUEST_PORT } : {}) } }
          : { directResponse: { status: r.pick([200, 404, 503]), ...(r.bool() ? { body: 'gone' } : {}) } }),
      }));
    }
    used.push('routes');
  }
}

/** `count` construct-built cases, seeds 0..count-1. */
export function constructCases(count: number): Case[] {
  const out: Case[] = [];
  for (let seed = 0; out.length < count && seed < count * 3; seed++) {
    let built: ReturnType<typeof buildConstructApp>;
    try {
      built = buildConstructApp(seed);
    } catch (e) {
      // An app whose synthesis throws is a library bug worth knowing, but not an input.
      process.stderr.write(`differential: construct app ${seed} did not synthesize: ${(e as Error).message.split('\n')[0]}\n`);
      continue;
    }
    out.push({ id: `construct-${String(seed).padStart(4, '0')}`, origin: 'construct', note: built.note, files: built.files });
  }
  return out;
}
