/**
 * The bad-values spec: one row per public input slot and bad value, with what the library does
 * with it. Every bad value is refused (at construction, or at synth by the analysis when only the
 * whole app shows it) or reported, and every message names the construct path, the field, the
 * value, and what to write instead. Nothing bad is written silently. A value object made by a
 * static factory (RuleOperation.onHosts, WorkloadSelector.fromLabels…) is checked by the factory,
 * before any construct holds it: its message names the factory instead of a construct path.
 */
import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AuthorizationPolicy, ClientTls, ConnectionPoolSettings, FaultInjection, Gateway, GatewayServer, LoadBalancer,
  Mesh, MeshProps, MeshService, MtlsMode, NamespaceEnrollment, DataplaneMode, OutlierDetection, PeerAuthentication, Principal,
  Protocol, RequestAuthentication, RetryPolicy, RuleOperation, RuleSource, ServerTls, ServiceEntry, ServiceVersion, Sidecar,
  StringMatch, Telemetry, TrafficPolicy, Waypoint, WorkloadSelector, AuthorizationRule, HashAlgorithm, GatewaySelector,
  WaypointAllowedNamespaces, CustomTag, CaptureMode, EgressRoute, WorkloadEnrollment, WaypointTrafficType,
} from '../../src';

/** What happens to a bad value. */
type Outcome =
  | 'construct' // thrown by the constructor or method that takes it
  | 'synth' // refused when the app is synthesized (rendering or the analysis's errors)
  | { warning: string }; // synthesized, with a warning of that rule

interface Row {
  /** The public input slot: `Construct(props).field` or `method(arg)`. */
  readonly slot: string;
  readonly value: unknown;
  /** How the value is shown in the message, when not as written. */
  readonly shown?: string;
  /** The field as the message names it. */
  readonly field: string;
  /** The construct path the message starts with. */
  readonly where?: string;
  readonly outcome: Outcome;
  /** Puts the value into a fresh app (chart `shop`, namespace `shop`). */
  readonly put: (ctx: Ctx, value: any) => void;
}

interface Ctx {
  readonly app: ReturnType<typeof Testing.app>;
  readonly chart: Chart;
  /** A mesh service `shop/reviews` on port 9080 with versions v1 and v2. */
  readonly reviews: () => { svc: MeshService; v1: ServiceVersion; v2: ServiceVersion };
  readonly meshProps: (props: MeshProps) => Mesh;
}

function context(): Ctx {
  const app = Testing.app();
  let mesh: Mesh | undefined;
  const meshProps = (props: MeshProps) => (mesh = new Mesh(app, 'mesh', props));
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const reviews = () => {
    if (!mesh) meshProps({});
    const svc = new MeshService(chart, 'reviews', { port: 9080 });
    const v1 = svc.addVersion('v1', new kplus.Deployment(chart, 'reviews-v1', { containers: [{ image: 'r:1', portNumber: 9080 }] }));
    const v2 = svc.addVersion('v2', new kplus.Deployment(chart, 'reviews-v2', { containers: [{ image: 'r:2', portNumber: 9080 }] }));
    return { svc, v1, v2 };
  };
  return { app, chart, reviews, meshProps };
}

const route = (ctx: Ctx, extra: object) => {
  const { svc, v1 } = ctx.reviews();
  svc.addRoute({ destinations: [{ version: v1 }], ...extra });
};
/** A ServiceEntry `shop/se` with a TLS port 443, an HTTP port 80 and a TCP port 5432. */
const egress = (ctx: Ctx) => new ServiceEntry(ctx.chart, 'se', {
  hosts: ['api.example.com'],
  ports: [{ number: 443, protocol: Protocol.TLS }, { number: 80, protocol: Protocol.HTTP }, { number: 5432, protocol: Protocol.TCP }],
});
/** A cdk8s-plus Deployment `shop/api`. */
const deployment = (ctx: Ctx) => new kplus.Deployment(ctx.chart, 'api', { containers: [{ image: 'api:1' }] });
const policy = (ctx: Ctx, props: object) => {
  ctx.reviews().svc.applyTrafficPolicy(new TrafficPolicy(props));
};

const ROWS: Row[] = [
  // Mesh
  { slot: 'Mesh(props).rootNamespace', value: '', shown: 'is empty', field: 'rootNamespace', where: 'mesh', outcome: 'construct', put: (c, v) => c.meshProps({ rootNamespace: v }) },
  { slot: 'Mesh(props).rootNamespace', value: 'Istio-System', field: 'rootNamespace', where: 'mesh', outcome: 'construct', put: (c, v) => c.meshProps({ rootNamespace: v }) },
  { slot: 'Mesh(props).trustDomain', value: 'cluster local', field: 'trustDomain', where: 'mesh', outcome: 'construct', put: (c, v) => c.meshProps({ trustDomain: v }) },
  { slot: 'Mesh(props).clusterDomain', value: 'cluster..local', field: 'clusterDomain', where: 'mesh', outcome: 'construct', put: (c, v) => c.meshProps({ clusterDomain: v }) },
  { slot: 'Mesh(props).crdFile', value: 'no/such/crds.yaml', field: 'crdFile', where: 'mesh', outcome: 'construct', put: (c, v) => c.meshProps({ crdFile: v }) },
  { slot: 'Mesh(props).meshConfigFile', value: 'no/such/mesh.yaml', field: 'meshConfigFile', where: 'mesh', outcome: 'construct', put: (c, v) => c.meshProps({ meshConfigFile: v }) },

  // MeshService
  { slot: 'MeshService(props).name', value: 'Reviews', field: 'name', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { name: v, port: 80 }) },
  { slot: 'MeshService(props).name', value: '9reviews', field: 'name', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { name: v, port: 80 }) },
  { slot: 'MeshService(props).namespace', value: 'Shop', field: 'namespace', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { namespace: v, port: 80 }) },
  { slot: 'MeshService(props).namespace', value: '', shown: 'is empty', field: 'namespace', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { namespace: v, port: 80 }) },
  { slot: 'MeshService(props).appLabel', value: 'a b', field: 'appLabel', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { appLabel: v, port: 80 }) },
  { slot: 'MeshService(props).port', value: 0, field: 'port', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { port: v }) },
  { slot: 'MeshService(props).port', value: 70000, field: 'port', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { port: v }) },
  { slot: 'MeshService(props).port', value: 80.5, field: 'port', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { port: v }) },
  { slot: 'MeshService(props).ports[].name', value: 'HTTP_web', field: 'name', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { ports: [{ port: 80, name: v }] }) },
  { slot: 'MeshService(props).ports[].port (twice)', value: 80, field: 'port', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { ports: [{ port: v, name: 'http' }, { port: v, name: 'http-2' }] }) },
  { slot: 'MeshService.addVersion(name)', value: 'V1', field: 'V1', where: 'shop/reviews', outcome: 'construct', put: (c, v) => c.reviews().svc.addVersion(v, new kplus.Deployment(c.chart, 'x', { containers: [{ image: 'x' }] })) },
  { slot: 'MeshService.addVersionWithLabels(labels)', value: 'a b', field: 'label', where: 'shop/reviews', outcome: 'construct', put: (c, v) => c.reviews().svc.addVersionWithLabels('v3', { version: v }) },
  { slot: 'MeshService.split(weights)', value: 150, field: 'weight', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.split({ v1: v, v2: 0 }); } },
  { slot: 'MeshService.canary({ weight })', value: 150, field: 'weight', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.canary({ stable: r.v1, candidate: r.v2, weight: v }); } },
  { slot: 'MeshService.routeByHeader(header)', value: 'x bad', field: 'x bad', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.routeByHeader(v, 'a', r.v2); } },

  // HttpRoute
  { slot: 'addRoute({ timeout })', value: Duration.millis(0.5), shown: '0.5', field: 'timeout', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { timeout: v }) },
  { slot: 'addRoute({ destinations[].weight })', value: -5, field: 'weight', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.addRoute({ destinations: [{ version: r.v1, weight: v }, { version: r.v2, weight: 105 }] }); } },
  { slot: 'addRoute({ destinations[].port })', value: 0, field: 'port', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.addRoute({ destinations: [{ version: r.v1, port: v }] }); } },
  { slot: 'addRoute({ destinations[].host })', value: 'a b.example.com', field: 'host', where: 'shop/reviews', outcome: 'synth', put: (c, v) => { const r = c.reviews(); r.svc.addRoute({ destinations: [{ host: v }] }); } },
  { slot: 'addRoute({ redirect.redirectCode })', value: 399, field: 'redirectCode', where: 'shop/reviews', outcome: 'construct', put: (c, v) => c.reviews().svc.addRoute({ redirect: { uri: '/new', redirectCode: v } }) },
  { slot: 'addRoute({ redirect.authority })', value: 'a\nb', shown: '\\n', field: 'authority', where: 'shop/reviews', outcome: 'construct', put: (c, v) => c.reviews().svc.addRoute({ redirect: { authority: v } }) },
  { slot: 'addRoute({ rewrite.authority })', value: 'a\nb', shown: '\\n', field: 'authority', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { rewrite: { authority: v } }) },
  { slot: 'addRoute({ directResponse.status })', value: 99, field: 'status', where: 'shop/reviews', outcome: 'construct', put: (c, v) => c.reviews().svc.addRoute({ directResponse: { status: v } }) },
  { slot: 'addRoute({ requestHeaders.set })', value: 'x\ny', shown: '\\n', field: 'requestHeaders', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { requestHeaders: { set: { [v]: '1' } } }) },
  { slot: 'addRoute({ responseHeaders.add value })', value: 'a\r\nb', shown: '\\r\\n', field: 'responseHeaders', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { responseHeaders: { add: { 'x-a': v } } }) },
  { slot: 'addRoute({ mirrors[].percentage })', value: 101, field: 'percentage', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.addRoute({ destinations: [{ version: r.v1 }], mirrors: [{ version: r.v2, percentage: v }] }); } },
  { slot: 'addRoute({ matches[].uri regex })', value: '(unclosed', field: 'uri', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { matches: [{ uri: StringMatch.regex(v) }] }) },
  { slot: 'addRoute({ corsPolicy.allowMethods })', value: 'GE T', field: 'allowMethods', where: 'shop/reviews', outcome: 'synth', put: (c, v) => route(c, { corsPolicy: { allowOrigins: [StringMatch.exact('https://a.example.com')], allowMethods: [v] } }) },
  { slot: 'addRoute({ corsPolicy.maxAge })', value: Duration.millis(0.5), shown: '0.5', field: 'maxAge', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { corsPolicy: { allowOrigins: [StringMatch.exact('https://a.example.com')], maxAge: v } }) },

  // RetryPolicy and FaultInjection (values are checked where the route takes them)
  { slot: 'RetryPolicy.of({ attempts })', value: -1, field: 'attempts', outcome: 'construct', put: (c, v) => route(c, { retries: RetryPolicy.of({ attempts: v }) }) },
  { slot: 'RetryPolicy.of({ perTryTimeout })', value: Duration.millis(0.5), shown: '0.5', field: 'perTryTimeout', outcome: 'construct', put: (c, v) => route(c, { retries: RetryPolicy.of({ attempts: 2, perTryTimeout: v }) }) },
  { slot: 'FaultInjection.abortRequests({ httpStatus })', value: 700, field: 'httpStatus', outcome: 'construct', put: (c, v) => route(c, { fault: FaultInjection.abortRequests({ httpStatus: v }) }) },
  { slot: 'FaultInjection.delayRequests({ percentage })', value: 150, field: 'percentage', outcome: 'construct', put: (c, v) => route(c, { fault: FaultInjection.delayRequests({ fixedDelay: Duration.seconds(1), percentage: v }) }) },

  // TrafficPolicy
  { slot: 'TrafficPolicy.connectionPool.tcp.maxConnections', value: -1, field: 'maxConnections', outcome: 'construct', put: (c, v) => policy(c, { connectionPool: { tcp: { maxConnections: v } } as ConnectionPoolSettings }) },
  { slot: 'TrafficPolicy.connectionPool.http.http2MaxRequests', value: 1.5, field: 'http2MaxRequests', outcome: 'construct', put: (c, v) => policy(c, { connectionPool: { http: { http2MaxRequests: v } } }) },
  { slot: 'TrafficPolicy.connectionPool.tcp.connectTimeout', value: Duration.millis(0.5), shown: '0.5', field: 'connectTimeout', outcome: 'construct', put: (c, v) => policy(c, { connectionPool: { tcp: { connectTimeout: v } } }) },
  { slot: 'TrafficPolicy.outlierDetection.maxEjectionPercent', value: 150, field: 'maxEjectionPercent', outcome: 'construct', put: (c, v) => policy(c, { outlierDetection: { maxEjectionPercent: v } as OutlierDetection }) },
  { slot: 'TrafficPolicy.outlierDetection.consecutive5xxErrors', value: -3, field: 'consecutive5xxErrors', outcome: 'construct', put: (c, v) => policy(c, { outlierDetection: { consecutive5xxErrors: v } }) },
  { slot: 'TrafficPolicy.portLevelSettings[].port', value: 0, field: 'port', outcome: 'construct', put: (c, v) => policy(c, { portLevelSettings: [{ port: v, loadBalancer: LoadBalancer.roundRobin() }] }) },
  { slot: 'HashAlgorithm.ringHash(minimumRingSize)', value: 9_000_000, field: 'minimumRingSize', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashBySourceIp({ hashAlgorithm: HashAlgorithm.ringHash(v) }) }) },
  { slot: 'LoadBalancer.roundRobin({ warmup.aggression })', value: Infinity, field: 'aggression', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ warmup: { duration: Duration.seconds(10), aggression: v } }) }) },
  { slot: 'LoadBalancer.roundRobin({ warmup.aggression }) under 1', value: 0.5, field: 'aggression', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ warmup: { duration: Duration.seconds(10), aggression: v } }) }) },
  { slot: 'LoadBalancer.consistentHashByHeader(header)', value: 'x\ny', shown: '\\n', field: 'header', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByHeader(v) }) },
  { slot: 'ClientTls.simple({ credentialName })', value: 'client cred', field: 'credentialName', outcome: 'construct', put: (c, v) => policy(c, { tls: ClientTls.simple({ credentialName: v }) }) },
  { slot: 'ClientTls.simple({ sni })', value: 'a b', field: 'sni', outcome: 'construct', put: (c, v) => policy(c, { tls: ClientTls.simple({ sni: v }) }) },

  // Gateway
  { slot: 'GatewayServer.http({ port })', value: 70000, field: 'port', where: 'shop/gw', outcome: 'construct', put: (c, v) => new Gateway(c.chart, 'gw', { servers: [GatewayServer.http({ hosts: ['a.example.com'], port: v })] }) },
  { slot: 'GatewayServer.http({ hosts })', value: 'a b.example.com', field: 'hosts', where: 'shop/gw', outcome: 'construct', put: (c, v) => new Gateway(c.chart, 'gw', { servers: [GatewayServer.http({ hosts: [v] })] }) },
  { slot: 'GatewayServer.http({ portName })', value: 'Http Web', field: 'portName', where: 'shop/gw', outcome: 'construct', put: (c, v) => new Gateway(c.chart, 'gw', { servers: [GatewayServer.http({ hosts: ['a.example.com'], portName: v })] }) },
  { slot: 'ServerTls.simple(credentialName)', value: 'bad name', field: 'credentialName', where: 'shop/gw', outcome: 'construct', put: (c, v) => new Gateway(c.chart, 'gw', { servers: [GatewayServer.https({ hosts: ['a.example.com'], tls: ServerTls.simple(v) })] }) },
  { slot: 'Gateway(props).name', value: 'My Gateway', field: 'name', where: 'shop/gw', outcome: 'construct', put: (c, v) => new Gateway(c.chart, 'gw', { name: v, servers: [GatewayServer.http({ hosts: ['a.example.com'] })] }) },

  // ServiceEntry
  { slot: 'ServiceEntry(props).hosts', value: 'a b.example.com', field: 'hosts', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: [v], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'ServiceEntry(props).ports[].number', value: 0, field: 'number', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], ports: [{ number: v, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'ServiceEntry(props).addresses', value: '10.0.0.0/33', field: 'addresses', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], addresses: [v], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'ServiceEntry(props).exportTo', value: 'Bad NS', field: 'exportTo', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], exportTo: [v], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'ServiceEntry(props).endpoints[].weight', value: -1, field: 'weight', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], endpoints: [{ address: 'api.example.com', weight: v }], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },

  // Sidecar
  { slot: 'Sidecar(props).egress[].hosts', value: 'api.example.com', field: 'hosts', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { egress: [{ hosts: [v] }] }) },
  { slot: 'Sidecar(props).ingress[].port', value: 0, field: 'port', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { egress: [{ hosts: ['./*'] }], ingress: [{ port: v, defaultEndpoint: '127.0.0.1:8080' }] }) },
  { slot: 'Sidecar(props).ingress[].defaultEndpoint', value: 'localhost', field: 'defaultEndpoint', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { egress: [{ hosts: ['./*'] }], ingress: [{ port: 9080, defaultEndpoint: v }] }) },

  // Security
  { slot: 'PeerAuthentication(props).portLevelMtls[].port', value: 0, field: 'port', where: 'shop/pa', outcome: 'construct', put: (c, v) => new PeerAuthentication(c.chart, 'pa', { selector: WorkloadSelector.fromLabels({ app: 'a' }), portLevelMtls: [{ port: v, mode: MtlsMode.DISABLE }] }) },
  { slot: 'PeerAuthentication(props).namespace', value: 'Bad', field: 'namespace', where: 'shop/pa', outcome: 'construct', put: (c, v) => new PeerAuthentication(c.chart, 'pa', { namespace: v }) },
  { slot: 'AuthorizationPolicy(props).name', value: 'Allow All', field: 'name', where: 'shop/ap', outcome: 'construct', put: (c, v) => new AuthorizationPolicy(c.chart, 'ap', { name: v }) },
  { slot: 'AuthorizationPolicy.allowCallers({ methods })', value: '', shown: '""', field: 'methods', where: 'shop/ap', outcome: 'construct', put: (c, v) => AuthorizationPolicy.allowCallers(c.chart, 'ap', { to: c.reviews().svc, from: [Principal.any()], methods: [v] }) },
  { slot: 'RuleOperation.onHosts(host)', value: 'https://a.example.com', field: 'hosts', where: 'RuleOperation', outcome: 'construct', put: (c, v) => new AuthorizationPolicy(c.chart, 'ap', { rules: [new AuthorizationRule({ to: [RuleOperation.onHosts(v)] })] }) },
  { slot: 'RuleOperation.onPorts(port)', value: 0, field: 'ports', where: 'RuleOperation', outcome: 'construct', put: (c, v) => new AuthorizationPolicy(c.chart, 'ap', { rules: [new AuthorizationRule({ to: [RuleOperation.onPorts(v)] })] }) },
  { slot: 'RuleSource.fromNamespaces(ns)', value: 'Bad NS', field: 'namespaces', where: 'RuleSource', outcome: 'construct', put: (c, v) => new AuthorizationPolicy(c.chart, 'ap', { rules: [new AuthorizationRule({ from: [RuleSource.fromNamespaces(v)] })] }) },
  { slot: 'RuleSource.fromIpBlocks(cidr)', value: '10.0.0.300', field: 'ipBlocks', where: 'RuleSource', outcome: 'construct', put: (c, v) => new AuthorizationPolicy(c.chart, 'ap', { rules: [new AuthorizationRule({ from: [RuleSource.fromIpBlocks(v)] })] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].issuer', value: '', shown: '""', field: 'issuer', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: v }] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].jwksUri', value: 'not a uri', field: 'jwksUri', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com', jwksUri: v }] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].timeout', value: Duration.millis(0.5), shown: '0.5', field: 'timeout', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com', timeout: v }] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].outputPayloadToHeader', value: 'x\ny', shown: '\\n', field: 'outputPayloadToHeader', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com', outputPayloadToHeader: v }] }) },
  { slot: 'WorkloadSelector.fromLabels(labels)', value: 'a b', field: 'app', where: 'WorkloadSelector.fromLabels()', outcome: 'construct', put: (_c, v) => WorkloadSelector.fromLabels({ app: v }) },
  { slot: 'WorkloadSelector.fromLabels(namespace)', value: '', shown: 'is empty', field: 'namespace', where: 'WorkloadSelector.fromLabels()', outcome: 'construct', put: (_c, v) => WorkloadSelector.fromLabels({ app: 'a' }, v) },

  // Telemetry and ambient
  { slot: 'Telemetry(props).tracing[].randomSamplingPercentage', value: 150, field: 'randomSamplingPercentage', where: 'shop/t', outcome: 'construct', put: (c, v) => new Telemetry(c.chart, 't', { tracing: [{ randomSamplingPercentage: v }] }) },
  { slot: 'Telemetry(props).metrics[].reportingInterval', value: Duration.millis(0.5), shown: '0.5', field: 'reportingInterval', where: 'shop/t', outcome: 'construct', put: (c, v) => new Telemetry(c.chart, 't', { metrics: [{ reportingInterval: v }] }) },
  { slot: 'Telemetry(props).accessLogging[].providers', value: '', shown: '""', field: 'providers', where: 'shop/t', outcome: 'construct', put: (c, v) => new Telemetry(c.chart, 't', { accessLogging: [{ providers: [v] }] }) },
  { slot: 'Waypoint(props).name', value: 'My Waypoint', field: 'name', where: 'shop/wp', outcome: 'construct', put: (c, v) => new Waypoint(c.chart, 'wp', { name: v }) },
  { slot: 'NamespaceEnrollment(props).name', value: 'Bad NS', field: 'name', where: 'shop/ne', outcome: 'construct', put: (c, v) => new NamespaceEnrollment(c.chart, 'ne', { mode: DataplaneMode.ambient(), name: v }) },

  // More slots: ports, pools, detection, hashing
  { slot: 'MeshService(props).ports[].targetPort', value: 0, field: 'targetPort', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { ports: [{ port: 80, targetPort: v }] }) },
  { slot: 'addRoute({ redirect.port })', value: 70000, field: 'port', where: 'shop/reviews', outcome: 'construct', put: (c, v) => c.reviews().svc.addRoute({ redirect: { port: v } }) },
  { slot: 'RetryPolicy.of({ backoff })', value: Duration.millis(0.5), shown: '0.5', field: 'backoff', outcome: 'construct', put: (c, v) => route(c, { retries: RetryPolicy.of({ attempts: 2, backoff: v }) }) },
  { slot: 'TrafficPolicy.connectionPool.http.maxRetries', value: -1, field: 'maxRetries', outcome: 'construct', put: (c, v) => policy(c, { connectionPool: { http: { maxRetries: v } } }) },
  { slot: 'TrafficPolicy.connectionPool.http.idleTimeout', value: Duration.millis(0.5), shown: '0.5', field: 'idleTimeout', outcome: 'construct', put: (c, v) => policy(c, { connectionPool: { http: { idleTimeout: v } } }) },
  { slot: 'TrafficPolicy.connectionPool.tcp.tcpKeepalive.probes', value: -1, field: 'probes', outcome: 'construct', put: (c, v) => policy(c, { connectionPool: { tcp: { tcpKeepalive: { probes: v } } } }) },
  { slot: 'TrafficPolicy.outlierDetection.interval', value: Duration.millis(0.5), shown: '0.5', field: 'interval', outcome: 'construct', put: (c, v) => policy(c, { outlierDetection: { interval: v } }) },
  { slot: 'TrafficPolicy.outlierDetection.minHealthPercent', value: 150, field: 'minHealthPercent', outcome: 'construct', put: (c, v) => policy(c, { outlierDetection: { minHealthPercent: v } }) },
  { slot: 'LoadBalancer.roundRobin({ warmup.minimumPercent })', value: 150, field: 'minimumPercent', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ warmup: { duration: Duration.seconds(10), minimumPercent: v } }) }) },
  { slot: 'LoadBalancer.consistentHashByCookie({ name })', value: '', shown: 'is empty', field: 'name', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByCookie({ name: v }) }) },
  { slot: 'LoadBalancer.consistentHashByQueryParameter(name)', value: '', shown: '""', field: 'httpQueryParameterName', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByQueryParameter(v) }) },
  { slot: 'HashAlgorithm.maglev(tableSize)', value: 0, field: 'tableSize', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashBySourceIp({ hashAlgorithm: HashAlgorithm.maglev(v) }) }) },
  { slot: 'GatewaySelector.fromLabels(labels)', value: 'a b', field: 'istio', where: 'GatewaySelector.fromLabels()', outcome: 'construct', put: (_c, v) => GatewaySelector.fromLabels({ istio: v }) },
  { slot: 'WaypointAllowedNamespaces.withLabels(labels)', value: 'a b', field: 'team', where: 'WaypointAllowedNamespaces.withLabels()', outcome: 'construct', put: (_c, v) => WaypointAllowedNamespaces.withLabels({ team: v }) },
  { slot: 'GatewayServer.tcp({ port })', value: 0, field: 'port', where: 'shop/gw', outcome: 'construct', put: (c, v) => new Gateway(c.chart, 'gw', { servers: [GatewayServer.tcp({ port: v })] }) },
  { slot: 'Gateway(props).namespace', value: 'Bad NS', field: 'namespace', where: 'shop/gw', outcome: 'construct', put: (c, v) => new Gateway(c.chart, 'gw', { namespace: v, servers: [GatewayServer.http({ hosts: ['a.example.com'] })] }) },
  { slot: 'ServiceEntry(props).name', value: 'My Entry', field: 'name', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { name: v, hosts: ['api.example.com'], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'ServiceEntry(props).ports[].name', value: 'TLS port', field: 'name', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], ports: [{ number: 443, protocol: Protocol.TLS, name: v }] }) },
  { slot: 'ServiceEntry(props).endpoints[].labels', value: 'a b', field: 'labels', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], endpoints: [{ address: 'api.example.com', labels: { app: v } }], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'Sidecar(props).egress[].port', value: 0, field: 'port', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { egress: [{ hosts: ['./*'], port: v }] }) },
  { slot: 'Sidecar(props).name', value: 'My Sidecar', field: 'name', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { name: v, egress: [{ hosts: ['./*'] }] }) },
  { slot: 'PeerAuthentication(props).name', value: 'Strict MTLS', field: 'name', where: 'shop/pa', outcome: 'construct', put: (c, v) => new PeerAuthentication(c.chart, 'pa', { name: v }) },
  { slot: 'AuthorizationPolicy(props).namespace', value: 'Bad NS', field: 'namespace', where: 'shop/ap', outcome: 'construct', put: (c, v) => new AuthorizationPolicy(c.chart, 'ap', { namespace: v }) },
  { slot: 'AuthorizationPolicy.allowCallers({ paths })', value: '', shown: '""', field: 'paths', where: 'shop/ap', outcome: 'construct', put: (c, v) => AuthorizationPolicy.allowCallers(c.chart, 'ap', { to: c.reviews().svc, from: [Principal.any()], paths: [v] }) },
  { slot: 'RequestAuthentication.requireJwt({ paths })', value: '', shown: '""', field: 'paths', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com' }] }).requireJwt({ paths: [v] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].fromParams', value: '', shown: '""', field: 'fromParams', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com', fromParams: [v] }] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].outputClaimToHeaders[].header', value: 'x\ny', shown: '\\n', field: 'header', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com', outputClaimToHeaders: [{ header: v, claim: 'sub' }] }] }) },
  { slot: 'Telemetry(props).name', value: 'My Telemetry', field: 'name', where: 'shop/t', outcome: 'construct', put: (c, v) => new Telemetry(c.chart, 't', { name: v, tracing: [{ randomSamplingPercentage: 1 }] }) },
  { slot: 'Waypoint(props).namespace', value: 'Bad NS', field: 'namespace', where: 'shop/wp', outcome: 'construct', put: (c, v) => new Waypoint(c.chart, 'wp', { namespace: v }) },
  { slot: 'DataplaneMode.sidecarRevision(revision)', value: 'Bad Rev', field: 'revision', outcome: 'construct', put: (c, v) => new NamespaceEnrollment(c.chart, 'ne', { mode: DataplaneMode.sidecarRevision(v), name: 'shop' }) },
  { slot: 'Canary.shift(percent)', value: 1.5, field: '1.5', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.canary({ stable: r.v1, candidate: r.v2, weight: 10 }).shift(v); } },

  { slot: 'ServiceEntry(props).subjectAltNames', value: '', shown: '""', field: 'subjectAltNames', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], subjectAltNames: [v], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].audiences', value: '', shown: '""', field: 'audiences', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com', audiences: [v] }] }) },
  { slot: 'RequestAuthentication(props).jwtRules[].fromHeaders[].name', value: 'x\ny', shown: '\\n', field: 'name', where: 'shop/ra', outcome: 'construct', put: (c, v) => new RequestAuthentication(c.chart, 'ra', { jwtRules: [{ issuer: 'https://a.example.com', fromHeaders: [{ name: v }] }] }) },
  { slot: 'CustomTag.header(name)', value: 'x\ny', shown: '\\n', field: 'name', where: 'CustomTag.header()', outcome: 'construct', put: (c, v) => new Telemetry(c.chart, 't', { tracing: [{ customTags: { user: CustomTag.header(v) } }] }) },
  { slot: 'Waypoint(props).revision', value: 'Bad Rev', field: 'revision', where: 'shop/wp', outcome: 'construct', put: (c, v) => new Waypoint(c.chart, 'wp', { revision: v }) },
  { slot: 'Telemetry(props).metrics[].overrides[].customMetric', value: '', shown: '""', field: 'customMetric', where: 'shop/t', outcome: 'construct', put: (c, v) => new Telemetry(c.chart, 't', { metrics: [{ overrides: [{ customMetric: v }] }] }) },

  // Values of the wrong type (from JavaScript, or another jsii language): named, never '[object Object]'
  { slot: 'addRoute({ requestHeaders.set value }) of the wrong type', value: { nested: true }, shown: '{"nested":true}', field: 'requestHeaders', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { requestHeaders: { set: { 'x-a': v } } }) },
  { slot: 'MeshService(props).port of the wrong type', value: '80', shown: '"80" (a string, not a number)', field: 'port', where: 'shop/svc', outcome: 'construct', put: (c, v) => new MeshService(c.chart, 'svc', { port: v }) },
  { slot: 'Telemetry(props).tracing[].randomSamplingPercentage of the wrong type', value: 'ten', shown: '"ten" (a string, not a number)', field: 'randomSamplingPercentage', where: 'shop/t', outcome: 'construct', put: (c, v) => new Telemetry(c.chart, 't', { tracing: [{ randomSamplingPercentage: v }] }) },

  // Regexes (RE2, as Envoy runs them) and header names of route matches, checked when the route is built
  { slot: 'addRoute({ matches[].headers regex })', value: 'a(?=b)', field: 'headers', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { matches: [{ headers: { 'x-a': StringMatch.regex(v) } }] }) },
  { slot: 'addRoute({ matches[].queryParams regex })', value: 'a{2,1}', field: 'queryParams', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { matches: [{ queryParams: { q: StringMatch.regex(v) } }] }) },
  { slot: 'addRoute({ matches[].withoutHeaders name })', value: 'x-a: b', field: 'withoutHeaders', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { matches: [{ withoutHeaders: { [v]: StringMatch.regex('*') } }] }) },
  { slot: 'HttpRoute.addMatch({ uri regex })', value: '\\1', field: 'uri', where: 'shop/reviews', outcome: 'construct', put: (c, v) => { const r = c.reviews(); r.svc.addRoute({ destinations: [{ version: r.v1 }] }).addMatch({ uri: StringMatch.regex(v) }); } },
  { slot: 'addRoute({ corsPolicy.allowOrigins regex })', value: '[a-', field: 'allowOrigins', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { corsPolicy: { allowOrigins: [StringMatch.regex(v)] } }) },
  { slot: 'addRoute({ rewrite.uriRegexRewrite.match })', value: '^/x/(\\d+', field: 'uriRegexRewrite', where: 'shop/reviews', outcome: 'construct', put: (c, v) => route(c, { rewrite: { uriRegexRewrite: { match: v, rewrite: '/y/\\1' } } }) },

  // Locality load balancing (Istio's webhook: regions only in failover, distribute weights 1-100 adding up to 100)
  { slot: 'LoadBalancer({ locality.enabled }) of the wrong type', value: 'yes', shown: '"yes" (a string)', field: 'enabled', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { enabled: v } }) }) },
  { slot: 'LoadBalancer({ locality.failover[].to }) = from', value: 'us-east', field: 'failover[0].to', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { failover: [{ from: v, to: v }] } }) }) },
  { slot: 'LoadBalancer({ locality.failover[].from }) with a zone', value: 'us-east/zone1', field: 'from', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { failover: [{ from: v, to: 'eu-west' }] } }) }) },
  { slot: 'LoadBalancer({ locality.failover[].to }) with a wildcard', value: 'eu-*', field: 'to', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { failover: [{ from: 'us-east', to: v }] } }) }) },
  { slot: 'LoadBalancer({ locality.failoverPriority }) with failover', value: 'topology.kubernetes.io/region', field: 'failoverPriority', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { failover: [{ from: 'us-east', to: 'eu-west' }], failoverPriority: [v] } }) }) },
  { slot: 'LoadBalancer({ locality.distribute[].to weight })', value: 0, field: 'to', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { distribute: [{ from: 'us-east/*', to: { 'us-east/*': 100, 'eu-west/*': v } }] } }) }) },
  { slot: 'LoadBalancer({ locality.distribute[].to }) not adding up to 100', value: 30, field: 'to', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { distribute: [{ from: 'us-east/*', to: { 'us-east/*': 60, 'eu-west/*': v } }] } }) }) },
  { slot: 'LoadBalancer({ locality.distribute[].to locality })', value: 'us-*/zone1', field: 'to', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { distribute: [{ from: 'us-east/*', to: { [v]: 100 } }] } }) }) },
  { slot: 'LoadBalancer({ locality.distribute[].from }) with an empty zone', value: 'us-east//a', field: 'from', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { distribute: [{ from: v, to: { 'us-east/*': 100 } }] } }) }) },
  { slot: 'LoadBalancer({ locality.distribute[].from }) overlapping', value: 'us-east/zone1', field: 'distribute[1].from', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.roundRobin({ locality: { distribute: [{ from: 'us-east/*', to: { 'us-east/*': 100 } }, { from: v, to: { 'eu-west/*': 100 } }] } }) }) },

  // Consistent hash on a cookie
  { slot: 'LoadBalancer.consistentHashByCookie({ path }) of the wrong type', value: 5, shown: '5 (a number, not a string)', field: 'path', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByCookie({ name: 'session', path: v }) }) },
  { slot: 'LoadBalancer.consistentHashByCookie({ ttl }) of the wrong type', value: '1h', field: 'ttl', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByCookie({ name: 'session', ttl: v }) }) },
  { slot: 'LoadBalancer.consistentHashByCookie({ ttl })', value: Duration.seconds(Infinity), shown: 'Infinity', field: 'ttl', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByCookie({ name: 'session', ttl: v }) }) },
  { slot: 'LoadBalancer.consistentHashByCookie({ attributes[].value })', value: 'Strict\nx', shown: '\\n', field: 'value', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByCookie({ name: 'session', ttl: Duration.hours(1), attributes: [{ name: 'SameSite', value: v }] }) }) },
  { slot: 'LoadBalancer.consistentHashByCookie({ attributes[].name }) twice', value: 'SameSite', field: 'attributes[1].name', outcome: 'construct', put: (c, v) => policy(c, { loadBalancer: LoadBalancer.consistentHashByCookie({ name: 'session', ttl: Duration.hours(1), attributes: [{ name: v, value: 'Lax' }, { name: v, value: 'Strict' }] }) }) },

  // ServiceEntry endpoint network and locality (Istio checks neither; the CRD takes strings of at most 2048 characters)
  { slot: 'ServiceEntry(props).endpoints[].network of the wrong type', value: 7, shown: '7 (a number, not a string)', field: 'network', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], endpoints: [{ address: '10.0.0.5', network: v }], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },
  { slot: 'ServiceEntry(props).endpoints[].locality', value: 'r'.repeat(2049), shown: '2049 characters', field: 'locality', where: 'shop/se', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: ['api.example.com'], endpoints: [{ address: '10.0.0.5', locality: v }], ports: [{ number: 443, protocol: Protocol.TLS, name: 'tls' }] }) },

  // Sidecar listeners: bind and captureMode
  { slot: 'Sidecar(props).ingress[].bind', value: 'localhost', field: 'bind', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { ingress: [{ port: 9080, bind: v, defaultEndpoint: '127.0.0.1:8080' }] }) },
  { slot: 'Sidecar(props).ingress[].bind unix socket', value: 'unix:///var/run/app.sock', field: 'bind', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { ingress: [{ port: 9080, bind: v, defaultEndpoint: '127.0.0.1:8080' }] }) },
  { slot: 'Sidecar(props).ingress[].captureMode', value: 'REDIRECT', field: 'captureMode', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { ingress: [{ port: 9080, captureMode: v, defaultEndpoint: '127.0.0.1:8080' }] }) },
  { slot: 'Sidecar(props).egress[].bind relative socket path', value: 'unix://var/run/app.sock', field: 'bind', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { egress: [{ hosts: ['./*'], port: 0, protocol: Protocol.HTTP, bind: v }] }) },
  { slot: 'Sidecar(props).egress[].captureMode on a unix socket', value: CaptureMode.IPTABLES, field: 'captureMode', where: 'shop/sc', outcome: 'construct', put: (c, v) => new Sidecar(c.chart, 'sc', { egress: [{ hosts: ['./*'], port: 0, protocol: Protocol.HTTP, bind: 'unix:///var/run/app.sock', captureMode: v }] }) },

  // EgressRoute (ServiceEntry.routeThroughEgressGateway)
  { slot: 'routeThroughEgressGateway({ ports }) not of the entry', value: 8443, field: 'ports', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ ports: [v] }) },
  { slot: 'routeThroughEgressGateway({ ports }) not a list', value: 443, shown: '443 (a number)', field: 'ports', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ ports: v }) },
  { slot: 'routeThroughEgressGateway({ ports }) twice', value: 443, field: 'ports', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ ports: [v, v] }) },
  { slot: 'routeThroughEgressGateway({ ports }) of a TCP port', value: 5432, field: 'ports', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ ports: [v] }) },
  { slot: 'routeThroughEgressGateway({ gatewayService })', value: 'egress_gw.istio-system', field: 'gatewayService', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ gatewayService: v }) },
  { slot: 'routeThroughEgressGateway({ subsetName })', value: 'Egress', field: 'subsetName', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ subsetName: v }) },
  { slot: 'routeThroughEgressGateway({ name })', value: 'my egress', field: 'name', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ name: v }) },
  { slot: 'routeThroughEgressGateway({ gateway }) of the wrong type', value: 'istio-system/egress', shown: '"istio-system/egress" (a string)', field: 'gateway', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => egress(c).routeThroughEgressGateway({ gateway: v }) },
  { slot: 'EgressRoute(props).serviceEntry of the wrong type', value: 'api.example.com', shown: '"api.example.com" (a string)', field: 'serviceEntry', where: 'shop/eg', outcome: 'construct', put: (c, v) => new EgressRoute(c.chart, 'eg', { serviceEntry: v }) },
  { slot: 'routeThroughEgressGateway() on a wildcard host', value: '*.example.com', field: 'host', where: 'shop/se/EgressGateway', outcome: 'construct', put: (c, v) => new ServiceEntry(c.chart, 'se', { hosts: [v], ports: [{ number: 443, protocol: Protocol.TLS }] }).routeThroughEgressGateway() },

  // WorkloadEnrollment
  { slot: 'WorkloadEnrollment(props).mode of the wrong type', value: 'ambient', shown: '"ambient" (a string)', field: 'mode', where: 'shop/we', outcome: 'construct', put: (c, v) => new WorkloadEnrollment(c.chart, 'we', { workload: deployment(c), mode: v }) },
  { slot: 'WorkloadEnrollment(props).waypoint of the wrong type', value: 'api-waypoint', shown: '"api-waypoint" (a string)', field: 'waypoint', where: 'shop/we', outcome: 'construct', put: (c, v) => new WorkloadEnrollment(c.chart, 'we', { workload: deployment(c), waypoint: v }) },
  { slot: 'WorkloadEnrollment(props).workloadObject given a cdk8s-plus workload', value: 'cdk8s-plus', shown: 'Deployment shop/api', field: 'workloadObject', where: 'shop/we', outcome: 'construct', put: (c) => new WorkloadEnrollment(c.chart, 'we', { workloadObject: deployment(c) as any, mode: DataplaneMode.sidecar() }) },
  { slot: 'WorkloadEnrollment(props).workload given an ApiObject', value: 'ApiObject', shown: 'ApiObject shop/api', field: 'workload', where: 'shop/we', outcome: 'construct', put: (c) => new WorkloadEnrollment(c.chart, 'we', { workload: new ApiObject(c.chart, 'api', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' } }) as any, mode: DataplaneMode.sidecar() }) },
  { slot: 'WorkloadEnrollment(props).workloadObject not a workload', value: 'ConfigMap', field: 'workloadObject', where: 'shop/we', outcome: 'construct', put: (c, v) => new WorkloadEnrollment(c.chart, 'we', { workloadObject: new ApiObject(c.chart, 'cm', { apiVersion: 'v1', kind: v, metadata: { name: 'cm' } }), mode: DataplaneMode.sidecar() }) },
  { slot: 'WorkloadEnrollment(props).waypoint with mode none()', value: 'shop/wp', field: 'waypoint', where: 'shop/we', outcome: 'construct', put: (c) => new WorkloadEnrollment(c.chart, 'we', { workload: deployment(c), mode: DataplaneMode.none(), waypoint: new Waypoint(c.chart, 'wp', { trafficType: WaypointTrafficType.WORKLOAD }) }) },
  { slot: 'WorkloadEnrollment(props).skipWaypoint of the wrong type', value: 'false', shown: '"false" (a string)', field: 'skipWaypoint', where: 'shop/we', outcome: 'construct', put: (c, v) => new WorkloadEnrollment(c.chart, 'we', { workload: deployment(c), skipWaypoint: v }) },
  { slot: 'WorkloadEnrollment(props).skipWaypoint with waypoint', value: true, field: 'skipWaypoint', where: 'shop/we', outcome: 'construct', put: (c, v) => new WorkloadEnrollment(c.chart, 'we', { workload: deployment(c), skipWaypoint: v, waypoint: new Waypoint(c.chart, 'wp', { trafficType: WaypointTrafficType.WORKLOAD }) }) },
  { slot: 'WorkloadEnrollment(props).mode against the pod template', value: 'ambient', field: 'mode', where: 'shop/we', outcome: 'construct', put: (c) => { const d = deployment(c); d.podMetadata.addLabel('sidecar.istio.io/inject', 'false'); new WorkloadEnrollment(c.chart, 'we', { workload: d, mode: DataplaneMode.ambient() }); } },

  // Found only by the analysis, over the whole app
  { slot: 'MeshService.addVersionWithLabels() next to in-app versions', value: 'v9', field: 'subsets', where: 'shop/reviews', outcome: 'synth', put: (c, v) => { const r = c.reviews(); r.svc.addVersionWithLabels('v9', { version: v }); r.svc.addRoute({ destinations: [{ version: r.svc.version('v9') }] }); } },
];


/** The message a row's value produces, and when. */
function run(row: Row): { when: 'construct' | 'synth' | 'none'; message?: string; warnings: string[]; fix?: string } {
  const ctx = context();
  try {
    row.put(ctx, row.value);
  } catch (e) {
    return { when: 'construct', message: (e as Error).message, warnings: [] };
  }
  const mesh = ctx.app.node.tryFindChild('mesh') as Mesh | undefined ?? Mesh.of(ctx.chart);
  const diagnostics = mesh.analyze();
  try {
    Testing.synth(ctx.chart);
  } catch (e) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const d = errors[0];
    return { when: 'synth', message: d ? `${d.constructPath}: ${d.path} ${d.message}` : (e as Error).message, fix: d?.fix, warnings: [] };
  }
  return { when: 'none', warnings: diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.ruleId} ${d.constructPath}: ${d.path} ${d.message} ${d.fix ?? ''}`) };
}

/** A sentence telling what to write instead (an example, a verb, or the range Istio takes). */
const FIX = /\bescape\b|\btakes\b|\bwhole numbers?\b|\bfrom \d|e\.g\.|\buse\b|\bwrite\b|\bgive\b|\bset\b|\bremove\b|\badd\b|\brename\b|\bpass\b|\bchoose\b|\bleave\b|\bsplit\b|\blower\b|\bname\b|\bquote\b|\bkeep\b|\bmust\b|\bneeds?\b|\bis (a|an) /i;

describe('bad values: one row per input slot and bad value', () => {
  test.each(ROWS.map((r) => [`${r.slot} = ${r.shown ?? String(r.value)}`, r] as const))('%s', (_name, row) => {
    const result = run(row);
    if (typeof row.outcome === 'object') {
      expect(result.when).toBe('none');
      const w = result.warnings.find((x) => x.startsWith(row.outcome && typeof row.outcome === 'object' ? row.outcome.warning : ''));
      expect(w).toBeDefined();
      return;
    }
    expect(result.when).toBe(row.outcome);
    const message = result.message!;
    if (row.where) expect(message).toContain(row.where);
    expect(message).toContain(row.field);
    expect(message).toContain(row.shown ?? String(row.value));
    expect(`${message} ${result.fix ?? ''}`).toMatch(FIX);
    expect(message).not.toContain('[object Object]');
    expect(message).not.toMatch(/\bNaN\b|\bundefined\b/);
  });
});
