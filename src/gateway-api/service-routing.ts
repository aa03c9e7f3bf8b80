/**
 * The Gateway API rendering of one mesh service: what `MeshService` writes instead of a
 * VirtualService and DestinationRule subsets when its routing API is `RoutingApi.gatewayApi()`.
 * Internal.
 *
 * - Each version becomes a Service `<service>-<version>` selecting the version's pods, because
 *   Gateway API routes send to Services, not to subsets.
 * - The routes become one HTTPRoute (GRPCRoute when every port is gRPC) named after the service,
 *   attached to the Service itself (`parentRefs` group "" kind Service: the GAMMA pattern), which
 *   sidecars and waypoints apply to mesh traffic.
 * - Each gateway the service is exposed through gets its own route object attached to that
 *   Gateway, with the exposure's hosts as `hostnames`.
 * - DestinationRules still carry the traffic policies (Istio applies them to Gateway API
 *   backends by host): the service's policy on its own host, and on each per-version Service's
 *   host the version's policy over the service's, field by field.
 * - A backendRef to a Service of another namespace gets a ReferenceGrant in that namespace.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { BackendRef, checkGatewayApiRoute, renderRule, routeContext, RuleTarget } from './route-rules';
import { isDns1035Label } from '../analysis/validators/names';
import { Gateway, IGateway } from '../edge/gateway';
import { GatewayExposureOptions } from '../edge/gateway-exposure-options';
import { unique, virtualServiceHostProblem } from '../edge/hosts';
import { GatewayApiChannel } from '../mesh/gateway-api-channel';
import type { MeshService } from '../mesh/mesh-service';
import type { ServiceVersion } from '../mesh/service-version';
import { GATEWAY_API_VERSION } from '../private/enrollment-labels';
import { PlannedServicePort, renderServiceSpec } from '../private/mesh-service-specs';
import { RenderContext } from '../private/render-context';
import { HttpRoute, HttpRouteOptions } from '../traffic/http-route';
import type { TrafficPolicy } from '../traffic/traffic-policy';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** What the routing needs from its mesh service (closures over its private state). */
export interface ServiceRoutingHost {
  readonly service: MeshService;
  /** Namespace the service's objects are written to (undefined: the chart's, or none). */
  readonly objectNamespace?: string;
  readonly appLabel: string;
  readonly channel: GatewayApiChannel;
  /** Whether every port was declared gRPC when the service was created. */
  readonly grpc: boolean;
  /** The routes, in order. */
  routes(): HttpRoute[];
  /** The ports of the Service, as planned at synth. */
  ports(): PlannedServicePort[];
  trafficPolicy(): TrafficPolicy | undefined;
  ctx(): RenderContext;
}

interface Exposure {
  readonly gateway: IGateway;
  readonly hosts?: string[];
}

/** `spec.rules` maxItems of HTTPRoute and GRPCRoute (v1.5). */
const MAX_RULES = 16;

/** Protocols whose ports an HTTPRoute or GRPCRoute serves. */
const ROUTABLE = new Set([undefined, 'http', 'http2', 'grpc', 'grpc-web']);

export class GatewayApiServiceRouting {
  /** Name of the per-version Service of `version`. */
  public static versionServiceName(service: MeshService, version: ServiceVersion): string {
    return `${service.name}-${version.name}`;
  }

  private meshRoute?: ApiObject;
  private readonly exposures = new Map<IGateway, { object: ApiObject; exposure: Exposure }>();
  private readonly grants = new Map<string, { object: ApiObject; names: Set<string> }>();
  private readonly versionObjects = new Map<ServiceVersion, { service: ApiObject; rule?: ApiObject }>();

  constructor(private readonly host: ServiceRoutingHost) {}

  private get svc(): MeshService {
    return this.host.service;
  }

  private get kind(): string {
    return this.host.grpc ? 'GRPCRoute' : 'HTTPRoute';
  }

  /**
   * Refuses a version name whose per-version Service name would not be valid. Called before the
   * version touches anything (its workload's labels), so that a refused version leaves no trace.
   */
  public checkVersionName(versionName: string): void {
    const name = `${this.svc.name}-${versionName}`;
    if (!isDns1035Label(name)) {
      this.host.ctx().about(`version '${versionName}'`).fail(
        `needs a Service '${name}' under the Gateway API (routes send to Services, not subsets), which is not a valid Service name (a DNS-1035 label of at most 63 characters)`,
        'give the service or the version a shorter name.',
      );
    }
  }

  /** The Service and, once a policy applies, the DestinationRule of a new version (named by checkVersionName). */
  public addVersion(version: ServiceVersion): void {
    const name = GatewayApiServiceRouting.versionServiceName(this.svc, version);
    // The version is no construct: its objects live under the mesh service, ids by version name.
    const service = new ApiObject(this.svc, `Version-${version.name}-Service`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: this.metadata(name, { app: this.host.appLabel }),
      spec: Lazy.any({
        produce: () => {
          const spec = renderServiceSpec(this.host.ctx(), this.host.appLabel, this.host.ports());
          return { ...spec, selector: { ...spec.selector, ...version.labels } };
        },
      }),
    });
    this.versionObjects.set(version, { service });
    this.policyChanged();
  }

  /**
   * Creates the DestinationRules of per-version Services that now have a policy (the service's
   * or their own). Called when a version is added and when a policy is applied.
   */
  public policyChanged(): void {
    for (const [version, objects] of this.versionObjects) {
      if (objects.rule || (!version.trafficPolicy && !this.host.trafficPolicy())) continue;
      const name = GatewayApiServiceRouting.versionServiceName(this.svc, version);
      const host = `${name}.${this.svc.namespace}.svc.${this.svc.mesh.clusterDomain}`;
      // Under the version's Service object, so that it is written right after that Service
      // whenever the policy comes (a sibling added now would land after later objects).
      objects.rule = new ApiObject(objects.service, 'DestinationRule', {
        apiVersion: this.svc.mesh.networkingApiVersion,
        kind: 'DestinationRule',
        metadata: this.metadata(name),
        spec: Lazy.any({ produce: () => this.versionRuleSpec(version, host) }),
      });
    }
  }

  /** Registers a new route: checks what the Gateway API cannot say, creates the route object and grants. */
  public addRoute(route: HttpRoute, options: HttpRouteOptions): void {
    checkGatewayApiRoute(routeContext(this.svc.node.path, route), route, this.host.channel, this.host.grpc);
    const count = this.host.routes().length + 1;
    if (count > MAX_RULES) {
      this.host.ctx().fail(
        `gets route ${count}, but its ${this.kind} holds at most ${MAX_RULES} rules (the Gateway API CRD's limit)`,
        'merge routes (a route takes several matches), or keep this service on RoutingApi.ISTIO.',
      );
    }
    this.ensureMeshRoute();
    // Grants are objects, so they are made now, for the services the route names now; a
    // destination set later in another namespace is reported by the analysis
    // (httproute-backend-not-permitted) if no grant covers it.
    const targets = [...(options.destinations ?? []), ...(options.mirrors ?? [])];
    for (const d of targets) {
      const other = d.version?.meshService ?? d.service;
      if (!other || other.namespace === this.svc.namespace) continue;
      this.grant(other.namespace, d.version ? GatewayApiServiceRouting.versionServiceName(other, d.version) : other.name);
    }
  }

  /** Attaches the routes to a gateway: a route object per gateway, with the exposure's hosts. */
  public expose(gateway: IGateway, options: GatewayExposureOptions): void {
    const where = `${this.svc.node.path}: exposeThroughGateway()`;
    if (options.alsoInMesh === false) {
      throw new Error(
        `${where} alsoInMesh is false, but under the Gateway API the mesh routes are their own ${this.kind} (attached to the Service) and ` +
        'the gateway gets another; there is nothing to leave out. Remove alsoInMesh, or keep the service on RoutingApi.ISTIO.',
      );
    }
    if (gateway instanceof Gateway && !gateway.routingApi.isGatewayApi) {
      throw new Error(
        `${where} through ${gateway.node.path}, an Istio Gateway; a Gateway API route attaches only to a Gateway API Gateway. ` +
        'Create the Gateway with routingApi: RoutingApi.gatewayApi() (or on the Mesh), or keep this service on RoutingApi.ISTIO.',
      );
    }
    if (this.exposures.has(gateway)) throw new Error(`${where} through ${gateway.reference} twice; expose the service once per gateway, with all its hosts.`);
    const hosts = options.hosts === undefined ? undefined : [...options.hosts];
    hosts?.forEach((h, i) => {
      const problem = virtualServiceHostProblem(h);
      if (problem) throw new Error(`${where} hosts[${i}] '${h}' ${problem}.`);
    });
    if (hosts === undefined && gateway.definedElsewhere) {
      throw new Error(`${where} through ${gateway.reference}, a Gateway defined outside this app: give the host names clients use, e.g. { hosts: ['bookinfo.example.com'] }.`);
    }
    const exposure: Exposure = { gateway, hosts };
    const object = new ApiObject(this.svc, `${this.kind}-${gateway.node.addr.slice(0, 8)}`, {
      apiVersion: GATEWAY_API_VERSION,
      kind: this.kind,
      metadata: this.metadata(`${this.svc.name}-${gateway.name}`),
      spec: Lazy.any({ produce: () => this.gatewayRouteSpec(exposure) }),
    });
    this.exposures.set(gateway, { object, exposure });
  }

  /** The backend other routes use for this service (or one of its versions). */
  public backend(version?: ServiceVersion): BackendRef {
    const name = version ? GatewayApiServiceRouting.versionServiceName(this.svc, version) : this.svc.name;
    return { group: '', kind: 'Service', name, namespace: this.svc.namespace, port: singlePort(this.host.ports()) };
  }

  /** The mesh route object, once a route exists (escape hatch). */
  public get routeObject(): ApiObject | undefined {
    return this.meshRoute;
  }

  private ensureMeshRoute(): void {
    if (this.meshRoute) return;
    this.meshRoute = new ApiObject(this.svc, this.kind, {
      apiVersion: GATEWAY_API_VERSION,
      kind: this.kind,
      metadata: this.metadata(this.svc.name),
      spec: Lazy.any({
        produce: () => ({
          parentRefs: [{ group: '', kind: 'Service', name: this.svc.name }],
          rules: this.host.routes().map((r) => renderRule(this.svc.node.path, r, this.target())),
        }),
      }),
    });
  }

  private gatewayRouteSpec(e: Exposure): any {
    const g = e.gateway;
    const parentRef: Record<string, any> = { group: GATEWAY_API_GROUP, kind: 'Gateway', name: g.name };
    if (g.namespace !== this.svc.namespace) parentRef.namespace = g.namespace;
    let hosts = e.hosts;
    if (hosts === undefined) {
      hosts = g instanceof Gateway ? g.hostsFor(this.svc.namespace) : [];
    }
    hosts = unique(hosts);
    // A Gateway of this app: attach by name to its routing listeners that serve one of the hosts,
    // never to a listener whose server redirects every request to HTTPS.
    const sections = g instanceof Gateway ? g._routeListeners().filter((l) => hosts!.some((h) => hostsIntersect(l.hostname, h))) : undefined;
    if (sections !== undefined && sections.length === 0) {
      throw new Error(
        `${this.svc.node.path}: exposeThroughGateway(${g.reference}): the gateway has no HTTP or HTTPS listener for ${hosts.join(', ') || 'any host'} ` +
        'that does not redirect to HTTPS; add a server for those hosts, e.g. GatewayServer.https({ hosts, tls }).',
      );
    }
    const parentRefs = sections === undefined ? [parentRef] : sections.map((l) => ({ ...parentRef, sectionName: l.name }));
    const routes = this.host.routes();
    const served = routes.length > 0 ? routes : [new HttpRoute(this.svc.node.path, {})];
    const spec: Record<string, any> = { parentRefs };
    // `*` is any host: an HTTPRoute says so by leaving hostnames out.
    if (hosts.length > 0 && !hosts.includes('*')) spec.hostnames = hosts;
    spec.rules = served.map((r) => renderRule(this.svc.node.path, r, this.target()));
    return spec;
  }

  private versionRuleSpec(version: ServiceVersion, host: string): any {
    const ctx = this.host.ctx();
    const base = this.host.trafficPolicy()?._render(ctx.child('trafficPolicy')) ?? {};
    const own = version.trafficPolicy?._render(version._context().child('trafficPolicy')) ?? {};
    // The version's fields replace the service's, as a subset's policy does under Istio's API.
    return { host, trafficPolicy: { ...base, ...own } };
  }

  private target(): RuleTarget {
    const self = this.backend();
    return {
      namespace: this.svc.namespace,
      channel: this.host.channel,
      grpc: this.host.grpc,
      self,
      versionBackend: (ctx, version) => version.meshService._gatewayApiBackend(ctx, version),
      serviceBackend: (ctx, service) => service._gatewayApiBackend(ctx),
    };
  }

  /** A ReferenceGrant in `namespace` letting this service's routes send to Service `name` there. */
  private grant(namespace: string, name: string): void {
    let entry = this.grants.get(namespace);
    if (!entry) {
      const names = new Set<string>();
      const object = new ApiObject(this.svc, `ReferenceGrant-${namespace}`, {
        apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
        kind: 'ReferenceGrant',
        metadata: { name: `${this.svc.name}-from-${this.svc.namespace}`.slice(0, 253), namespace },
        spec: Lazy.any({
          produce: () => ({
            from: [{ group: GATEWAY_API_GROUP, kind: this.kind, namespace: this.svc.namespace }],
            to: [...names].sort().map((service) => ({ group: '', kind: 'Service', name: service })),
          }),
        }),
      });
      entry = { object, names };
      this.grants.set(namespace, entry);
    }
    entry.names.add(name);
  }

  private metadata(name: string, labels?: Record<string, string>): any {
    const ns = this.host.objectNamespace;
    return { name, ...(ns ? { namespace: ns } : {}), ...(labels ? { labels } : {}) };
  }
}

/**
 * Whether a listener hostname (undefined: any) and a route host can both match one request host
 * (`*.example.com` takes `a.example.com`; `*` takes anything).
 */
function hostsIntersect(listener: string | undefined, host: string): boolean {
  if (listener === undefined || host === '*' || listener === host) return true;
  const covers = (wild: string, name: string) => wild.startsWith('*.') && name.endsWith(wild.slice(1));
  return covers(listener, host) || covers(host, listener);
}

/** The one port a backendRef can default to: the only port, else the only HTTP-family port. */
export function singlePort(ports: PlannedServicePort[]): number | undefined {
  if (ports.length === 1) return ports[0].port;
  const routable = ports.filter((p) => p.transport === 'TCP' && ROUTABLE.has(p.prefix));
  return routable.length === 1 ? routable[0].port : undefined;
}
