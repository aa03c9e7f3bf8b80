import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Mesh } from './mesh';
import { MeshServiceProps } from './mesh-service-props';
import { MeshServiceSource } from './mesh-service-source';
import { MeshServicePort, Protocol } from './protocol';
import { RoutingApi } from './routing-api';
import { ServiceVersion, VersionOptions } from './service-version';
import { isDns1035Label, isDns1123Label, isLabelKey, isLabelValue, namespaceNameFix, namespaceNameProblem, toDns1123Label } from '../analysis/validators/names';
import type { IGateway } from '../edge/gateway';
import { GatewayExposureOptions } from '../edge/gateway-exposure-options';
import { BackendRef } from '../gateway-api/route-rules';
import { GatewayApiServiceRouting, singlePort } from '../gateway-api/service-routing';
import { GatewayExposures, ignoreGatewayNotFound } from '../private/gateway-exposures';
import { checkDistinct, checkServicePort, planExplicitPort, planInferredPort, renderDestinationRuleSpec, renderServiceSpec, renderVirtualServiceSpec } from '../private/mesh-service-specs';
import { inferPorts, labelWorkload, labelWorkloadObject } from '../private/pod-templates';
import { RenderContext } from '../private/render-context';
import { Canary, CanaryOptions } from '../traffic/canary';
import { HttpRoute, HttpRouteOptions } from '../traffic/http-route';
import { StringMatch } from '../traffic/string-match';
import { TrafficPolicy } from '../traffic/traffic-policy';

const VERSION_LABEL = 'version';
const APP_LABEL = 'app';

/**
 * A service in the mesh: a Kubernetes Service, its versions (DestinationRule subsets) and its
 * routes (a VirtualService). Routes are evaluated by Envoy in the order they are added.
 *
 * @example
 * const reviews = new MeshService(chart, 'reviews', { port: 9080 });
 * const v1 = reviews.addVersion('v1', reviewsV1);
 * const v2 = reviews.addVersion('v2', reviewsV2);
 * reviews.routeByHeader('end-user', 'jason', v2);
 * reviews.canary({ stable: v1, candidate: v2, weight: 10 });
 */
export class MeshService extends Construct {
  /** Service name. */
  public readonly name: string;
  /** Namespace of the service. */
  public readonly namespace: string;
  /** Fully qualified host of the service, e.g. `reviews.shop.svc.cluster.local`. */
  public readonly host: string;
  /** The mesh this service belongs to. */
  public readonly mesh: Mesh;
  /** Value of the `app` label of its pods, when this construct manages the selector. */
  public readonly appLabel?: string;
  /** The API its routes are written in (Istio's, or the Gateway API). */
  public readonly routingApi: RoutingApi;

  private readonly source: MeshServiceSource;
  private readonly objectNamespace?: string;
  private readonly explicitPorts?: MeshServicePort[];
  private readonly _versions = new Map<string, ServiceVersion>();
  private readonly routes: HttpRoute[] = [];
  private readonly portSources: Array<kplus.Workload | ApiObject> = [];
  private _defaultRoute?: HttpRoute;
  private _canary?: Canary;
  private _service?: ApiObject;
  private _destinationRule?: ApiObject;
  private _trafficPolicy?: TrafficPolicy;
  private _virtualService?: ApiObject;
  private readonly gatewayExposures = new GatewayExposures();
  /** Set when a controller (Flagger) writes this host's Services, VirtualService and DestinationRules. */
  private _routingWrittenElsewhere = false;
  /** Set when the routes are written in the Gateway API. */
  private readonly gatewayApi?: GatewayApiServiceRouting;

  constructor(scope: Construct, id: string, props: MeshServiceProps = {}) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.source = props.source ?? MeshServiceSource.newService();
    if (props.port !== undefined && props.ports !== undefined) {
      throw new Error(`${this.node.path}: set either port or ports, not both.`);
    }
    this.explicitPorts = props.ports ?? (props.port !== undefined ? [{ port: props.port }] : undefined);
    this.explicitPorts?.forEach((p, i) => checkServicePort(RenderContext.of(this.node.path).child(`ports[${i}]`), p));
    if (this.explicitPorts) {
      checkDistinct(RenderContext.of(this.node.path), this.explicitPorts.map((p) => p.port), 'port', () => 'use another port number, or remove one of the two ports');
      // Unnamed ports stand for themselves here; their generated names are checked at synth.
      checkDistinct(RenderContext.of(this.node.path), this.explicitPorts.map((p, i) => p.name ?? `\u0000${i}`), 'name', (v) => `give one of them another name, e.g. '${v}-2'`);
    }
    if (this.explicitPorts && !this.source._createsService) {
      throw new Error(`${this.node.path}: port/ports only apply to a Service this construct creates; the adopted service keeps its own ports.`);
    }

    const nsProblem = props.namespace !== undefined ? namespaceNameProblem(props.namespace) : undefined;
    if (nsProblem) {
      throw new Error(`${this.node.path}: namespace ${nsProblem}; ${namespaceNameFix(props.namespace)}.`);
    }
    const chartNamespace = Chart.of(this).namespace;
    this.objectNamespace = props.namespace ?? chartNamespace;
    const identity = this.source._identity(this.mesh, id, props.name, this.objectNamespace ?? 'default');
    this.name = identity.name;
    this.namespace = identity.namespace;
    this.host = identity.host;
    if (!isDns1123Label(this.name)) {
      throw new Error(`${this.node.path}: name '${this.name}' is not a valid Kubernetes name; use lower-case letters, digits and '-', e.g. name: '${toDns1123Label(this.name)}'.`);
    }

    if (this.source._createsService && !isDns1035Label(this.name)) {
      throw new Error(
        `${this.node.path}: name '${this.name}' is not a valid Service name; Kubernetes wants a DNS-1035 label (lower-case letters, digits and '-', ` +
        `starting with a letter), e.g. name: 'svc-${toDns1123Label(this.name)}'.`,
      );
    }
    if (this.source._createsService) {
      this.appLabel = props.appLabel ?? this.name;
      if (!isLabelValue(this.appLabel)) {
        throw new Error(`${this.node.path}: appLabel '${this.appLabel}' is not a valid label value; use at most 63 letters, digits, '-', '_' or '.'.`);
      }
      this._service = this.createService();
    } else if (props.appLabel !== undefined) {
      throw new Error(`${this.node.path}: appLabel only applies to a Service this construct creates; the adopted service keeps its selector.`);
    }

    const sourceWorkload = this.source._attachPods(`${this.node.path}: source`, this.labelsForPods({}), (k, existing) => this.labelAdvice(k, existing));
    if (sourceWorkload) this.portSources.push(sourceWorkload);
    this.routingApi = props.routingApi ?? this.mesh.routingApi;
    if (this.routingApi.isGatewayApi) this.gatewayApi = this.createGatewayApiRouting();
    if (props.trafficPolicy !== undefined) this.applyTrafficPolicy(props.trafficPolicy);
  }

  /**
   * Reads the labels of the service's pods at synth: `app: <appLabel>` for a Service this construct
   * creates, the adopted Service's own selector otherwise; undefined for a host (pods unknown).
   * @internal
   */
  public _podLabels(): (() => Record<string, string>) | undefined {
    if (this.appLabel !== undefined) {
      const app = this.appLabel;
      return () => ({ [APP_LABEL]: app });
    }
    return this.source._adoptedSelector();
  }

  /**
   * Adds a version backed by a cdk8s-plus workload. Its pod template receives the labels
   * `version: <name>` (and `app: <appLabel>` when this construct created the Service), and the
   * DestinationRule gets a subset `<name>` selecting them.
   */
  public addVersion(name: string, workload: kplus.Workload, options: VersionOptions = {}): ServiceVersion {
    this.checkVersionName(name);
    labelWorkload(`${this.node.path}: addVersion('${name}')`, workload, this.labelsForPods({ [VERSION_LABEL]: name }), (k, existing) => this.labelAdvice(k, existing));
    this.portSources.push(workload);
    return this.registerVersion(name, { [VERSION_LABEL]: name }, options, workload);
  }

  /**
   * Adds a version backed by a workload written as a plain cdk8s `ApiObject`
   * (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Argo Rollout or Pod). Its pod template
   * is patched with the version labels.
   */
  public addVersionFromObject(name: string, workload: ApiObject, options: VersionOptions = {}): ServiceVersion {
    this.checkVersionName(name);
    labelWorkloadObject(`${this.node.path}: addVersionFromObject('${name}')`, workload, this.labelsForPods({ [VERSION_LABEL]: name }));
    this.portSources.push(workload);
    return this.registerVersion(name, { [VERSION_LABEL]: name }, options, workload);
  }

  /**
   * Adds a version whose pods are defined elsewhere, selected by `labels`.
   */
  public addVersionWithLabels(name: string, labels: { [key: string]: string }, options: VersionOptions = {}): ServiceVersion {
    this.checkVersionName(name);
    const entries = Object.entries(labels);
    if (entries.length === 0) {
      throw new Error(`${this.node.path}: addVersionWithLabels('${name}') needs at least one label, e.g. { version: '${name}' }.`);
    }
    for (const [k, v] of entries) {
      if (!isLabelKey(k) || !isLabelValue(v)) {
        throw new Error(
          `${this.node.path}: addVersionWithLabels('${name}') label ${k}=${v} is not a valid Kubernetes label; ` +
          `use a key such as 'version' and a value of at most 63 letters, digits, '-', '_' or '.', e.g. { version: '${toDns1123Label(name)}' }.`,
        );
      }
    }
    return this.registerVersion(name, labels, options);
  }

  /** Returns the version called `name`. */
  public version(name: string): ServiceVersion {
    const v = this._versions.get(name);
    if (!v) {
      const known = [...this._versions.keys()];
      throw new Error(`${this.node.path}: no version '${name}'; ${known.length ? `versions are ${known.join(', ')}` : 'add one with addVersion()'}.`);
    }
    return v;
  }

  /**
   * Sets the traffic policy for all traffic to this service, replacing one set before (the
   * manifests show the last policy applied). It is checked now, and creates the
   * DestinationRule if the service has none yet. Versions can override it field by field.
   */
  public applyTrafficPolicy(policy: TrafficPolicy): void {
    if (!(policy instanceof TrafficPolicy)) {
      throw new Error(`${this.node.path}: applyTrafficPolicy() needs a TrafficPolicy, e.g. new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin() }).`);
    }
    policy._render(this.ctx().child('trafficPolicy'));
    this._trafficPolicy = policy;
    this.ensureDestinationRule();
    this.gatewayApi?.policyChanged();
  }

  /** The service-wide traffic policy, if any. */
  public get trafficPolicy(): TrafficPolicy | undefined {
    return this._trafficPolicy;
  }

  /** Versions in the order they were added. */
  public get versions(): ServiceVersion[] {
    return [...this._versions.values()];
  }

  /**
   * Appends a route. Routes are tried in the order added; a route without matches takes every
   * request, so routes added after it cannot be reached.
   */
  public addRoute(options: HttpRouteOptions = {}): HttpRoute {
    const route = new HttpRoute(this.node.path, options);
    if (this.gatewayApi) this.gatewayApi.addRoute(route, options);
    this.routes.push(route);
    if (!this.gatewayApi) this.ensureVirtualService();
    return route;
  }

  /**
   * Appends a route sending requests whose header `header` equals `value` to `version`.
   * @param header header name (lower case)
   * @param value exact header value
   * @param version where matching requests go
   */
  public routeByHeader(header: string, value: string, version: ServiceVersion): HttpRoute {
    return this.addRoute({
      matches: [{ headers: { [header]: StringMatch.exact(value) } }],
      destinations: [{ version }],
    });
  }

  /**
   * Sets the default route (the catch-all, created at the first call, where the call is made)
   * to split traffic across versions by percentage, e.g. `{ v1: 90, v2: 10 }`.
   */
  public split(weights: { [version: string]: number }): HttpRoute {
    const entries = Object.entries(weights);
    if (entries.length === 0) {
      throw new Error(`${this.node.path}: split() needs at least one version, e.g. split({ v1: 90, v2: 10 }).`);
    }
    for (const [version, weight] of entries) {
      if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
        throw new Error(`${this.node.path}: split() weight of '${version}' is ${weight}; a percentage is a whole number from 0 to 100.`);
      }
    }
    const route = this.defaultRoute();
    route.replaceDestinations(entries.map(([version, weight]) => ({ version: this.version(version), weight })));
    return route;
  }

  /** Sends all traffic of the default route to one version. */
  public promote(version: ServiceVersion): HttpRoute {
    const route = this.defaultRoute();
    route.replaceDestinations([{ version }]);
    return route;
  }

  /**
   * Starts a canary on the default route: `weight` percent of the traffic goes to the
   * candidate, the rest to the stable version. Shift, promote or roll back with the returned
   * object; the manifests reflect its last state.
   */
  public canary(options: CanaryOptions): Canary {
    if (this._canary) {
      throw new Error(`${this.node.path}: a canary is already running on this service; use its updateWeight(), promote() or rollback().`);
    }
    // Checked before the default route is made, so that a refused canary leaves nothing behind.
    for (const [prop, version] of [['stable', options.stable], ['candidate', options.candidate]] as const) {
      if (version instanceof ServiceVersion && version.meshService !== this && options.stable?.meshService === options.candidate?.meshService) {
        throw new Error(
          `${this.node.path}: canary ${prop} is ${version._reference}, another service's version; ` +
          `a canary splits this service's own traffic between its versions: pass versions added to ${this.node.path} with addVersion().`,
        );
      }
    }
    const route = this.defaultRoute();
    this._canary = new Canary(this.node.path, route, options);
    return this._canary;
  }

  /**
   * Serves this service's routes through a gateway (ingress or egress): its VirtualService
   * names the gateway in `gateways` and gets the host names clients use there. Unless every
   * exposure passes `alsoInMesh: false`, `mesh` stays in `gateways`, so sidecars keep using the
   * routes. A service without routes gets a route to all its pods.
   *
   * For a Gateway defined elsewhere (`Gateway.fromName`), give `hosts`; the VirtualService is
   * then annotated to skip `virtualservice-gateway-not-found` and `virtualservice-host-not-in-gateway`,
   * which cannot see that Gateway.
   */
  public exposeThroughGateway(gateway: IGateway, options: GatewayExposureOptions = {}): void {
    if (this.gatewayApi) return this.gatewayApi.expose(gateway, options);
    this.gatewayExposures.add(this.node.path, gateway, options);
    this.ensureVirtualService();
    if (gateway.definedElsewhere && this._virtualService) ignoreGatewayNotFound(this._virtualService);
  }

  /** The Kubernetes Service this construct created, if any (escape hatch for `addJsonPatch`). */
  public get serviceObject(): ApiObject | undefined {
    return this._service;
  }

  /** The DestinationRule, once a version or a traffic policy exists (escape hatch for `addJsonPatch`). */
  public get destinationRule(): ApiObject | undefined {
    return this._destinationRule;
  }

  /** The VirtualService, once a route exists (escape hatch for `addJsonPatch`). */
  public get virtualService(): ApiObject | undefined {
    return this._virtualService;
  }

  /**
   * With the Gateway API: the HTTPRoute (or GRPCRoute) attached to the Service, once a route
   * exists (escape hatch for `addJsonPatch`).
   */
  public get meshRoute(): ApiObject | undefined {
    return this.gatewayApi?.routeObject;
  }

  /**
   * The Gateway API backendRef of this service, or of one of its versions (a per-version Service,
   * which only a service on the Gateway API has).
   * @internal
   */
  public _gatewayApiBackend(ctx: RenderContext, version?: ServiceVersion): BackendRef {
    if (this.gatewayApi) return this.gatewayApi.backend(version);
    if (version) {
      ctx.fail(
        `names ${version._reference}, whose routes are on Istio's API, so it has no per-version Service to send to`,
        'put that service on the Gateway API too (routingApi: RoutingApi.gatewayApi()), or send to the whole service ({ service }).',
      );
    }
    const port = this.source._createsService ? singlePort(this.plannedPorts()) : undefined;
    return { group: '', kind: 'Service', name: this.name, namespace: this.namespace, port };
  }

  /**
   * A version's own traffic policy changed.
   * @internal
   */
  public _versionPolicyChanged(): void {
    this.gatewayApi?.policyChanged();
  }

  private defaultRoute(): HttpRoute {
    if (!this._defaultRoute) {
      this._defaultRoute = this.addRoute({ name: 'default' });
    }
    return this._defaultRoute;
  }

  private registerVersion(
    name: string, labels: { [key: string]: string }, options: VersionOptions, workload?: kplus.Workload | ApiObject,
  ): ServiceVersion {
    const version = new ServiceVersion(this, name, labels, options, workload);
    this._versions.set(name, version);
    // Under the Gateway API a version is a Service of its own, not a subset.
    if (this.gatewayApi) this.gatewayApi.addVersion(version);
    else this.ensureDestinationRule();
    return version;
  }

  /** The Gateway API rendering; only a Service this construct creates has ports to route to. */
  private createGatewayApiRouting(): GatewayApiServiceRouting {
    if (!this.source._createsService || this.appLabel === undefined) {
      throw new Error(
        `${this.node.path}: routingApi is ${this.routingApi}, but this mesh service adopts a Service or host it does not create; ` +
        'Gateway API routes send to Services by port and to per-version Services, which this construct writes only for a Service it creates. ' +
        'Use MeshServiceSource.newService() or fromWorkload(), or routingApi: RoutingApi.ISTIO for this service.',
      );
    }
    const explicit = this.explicitPorts ?? [];
    return new GatewayApiServiceRouting({
      service: this,
      objectNamespace: this.objectNamespace,
      appLabel: this.appLabel,
      channel: this.routingApi.channel!,
      grpc: explicit.length > 0 && explicit.every((p) => p.protocol === Protocol.GRPC),
      routes: () => [...this.routes],
      ports: () => this.plannedPorts(),
      trafficPolicy: () => this._trafficPolicy,
      ctx: () => this.ctx(),
    });
  }

  /** The ports of the Service this construct creates, as planned at synth. */
  private plannedPorts() {
    return this.explicitPorts?.map(planExplicitPort) ?? inferPorts(this.portSources).map(planInferredPort);
  }

  /** Every check of a new version's name, made before its workload is labelled. */
  private checkVersionName(name: string): void {
    if (!isDns1123Label(name)) {
      throw new Error(`${this.node.path}: version name '${name}' is not a valid subset name; use lower-case letters, digits and '-', e.g. '${toDns1123Label(name)}'.`);
    }
    if (this._versions.has(name)) {
      throw new Error(`${this.node.path}: version '${name}' was already added; each version name is used once.`);
    }
    this.gatewayApi?.checkVersionName(name);
  }

  private labelsForPods(extra: { [key: string]: string }): { [key: string]: string } {
    return this.appLabel !== undefined ? { [APP_LABEL]: this.appLabel, ...extra } : { ...extra };
  }

  /** What to do when a workload's pod template already has another value for label `key`. */
  private labelAdvice(key: string, existing: string): string {
    return `Remove that label from the workload${key === APP_LABEL ? `, or set appLabel: '${existing}' on the MeshService` : ''}.`;
  }

  /** One of the objects this service writes, named after it, its spec rendered at synth. */
  private writeObject(kind: string, apiVersion: string, produce: () => any, labels?: Record<string, string>): ApiObject {
    const metadata: any = this.objectNamespace ? { name: this.name, namespace: this.objectNamespace } : { name: this.name };
    if (labels) metadata.labels = labels;
    return new ApiObject(this, kind, { apiVersion, kind, metadata, spec: Lazy.any({ produce }) });
  }

  private createService(): ApiObject {
    return this.writeObject('Service', 'v1', () => renderServiceSpec(this.ctx(), this.appLabel!, this.plannedPorts()), { [APP_LABEL]: this.appLabel! });
  }

  private ensureDestinationRule(): void {
    if (this._destinationRule || this._routingWrittenElsewhere) return;
    this._destinationRule = this.writeObject('DestinationRule', this.mesh.networkingApiVersion,
      () => renderDestinationRuleSpec(this.ctx(), this.host, this._trafficPolicy, this.gatewayApi ? [] : this.versions));
    this._virtualService?.addDependency(this._destinationRule);
  }

  private ensureVirtualService(): void {
    if (this._virtualService || this._routingWrittenElsewhere) return;
    this._virtualService = this.writeObject('VirtualService', this.mesh.networkingApiVersion,
      () => renderVirtualServiceSpec(this.ctx(), this.host, this.objectNamespace ?? 'default', this.routes, this.gatewayExposures));
    // Subsets must exist before routes name them (Istio's make-before-break advice).
    if (this._destinationRule) this._virtualService.addDependency(this._destinationRule);
  }

  // --- Hand-off to progressive-delivery controllers (src/delivery); internal. ---

  /**
   * The routes in order, the canary's among them.
   * @internal
   */
  public _routesInOrder(): HttpRoute[] {
    return [...this.routes];
  }

  /**
   * The canary started on the default route, if any.
   * @internal
   */
  public get _currentCanary(): Canary | undefined {
    return this._canary;
  }

  /**
   * Gateways and extra hosts of the VirtualService, when the service is exposed through a gateway.
   * @internal
   */
  public _gatewayTargets(): { gateways: string[]; hosts: string[] } | undefined {
    if (!this.gatewayExposures.bound) return undefined;
    return { gateways: this.gatewayExposures.gateways(), hosts: this.gatewayExposures.hosts(this.node.path, this.objectNamespace ?? 'default') };
  }

  /**
   * The first port of the Service this construct creates: given, else inferred.
   * @internal
   */
  public _firstServicePort(): number | undefined {
    return this.explicitPorts?.[0]?.port ?? inferPorts(this.portSources)[0]?.number;
  }

  /**
   * The target port of the first port given, when it differs from the port.
   * @internal
   */
  public _firstTargetPort(): number | undefined {
    const first = this.explicitPorts?.[0];
    return first?.targetPort !== undefined && first.targetPort !== first.port ? first.targetPort : undefined;
  }

  /**
   * A controller (Flagger) writes this host's Services, VirtualService and DestinationRules
   * itself: this service emits none of them, now or later (a Service it adopted is left alone).
   * @internal
   */
  public _leaveRoutingTo(): void {
    this._routingWrittenElsewhere = true;
    for (const obj of [this._virtualService, this._destinationRule, this._service]) {
      if (obj) this.node.tryRemoveChild(obj.node.id);
    }
    this._virtualService = undefined;
    this._destinationRule = undefined;
    this._service = undefined;
  }

  /** Where errors point, with the mesh's settings. */
  private ctx(): RenderContext {
    return RenderContext.of(this.node.path, { trustDomain: this.mesh.trustDomain, apiVersion: this.mesh.apiVersion });
  }
}
