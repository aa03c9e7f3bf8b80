import { ApiObject, Chart, JsonPatch, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Mesh } from './mesh';
import { MeshServiceSource, SourceKind } from './mesh-service-source';
import { MeshServicePort, Protocol } from './protocol';
import { ServiceVersion, VersionOptions } from './service-version';
import { isDns1123Label, isLabelKey, isLabelValue, toDns1123Label } from '../analysis/validators/names';
import type { IGateway } from '../edge/gateway';
import { GatewayExposureOptions } from '../edge/gateway-exposure-options';
import { GatewayExposures, ignoreGatewayNotFound } from '../edge/gateway-exposures';
import { Canary, CanaryOptions } from '../traffic/canary';
import { HttpRoute, HttpRouteOptions } from '../traffic/http-route';
import { StringMatch } from '../traffic/string-match';
import { TrafficPolicy } from '../traffic/traffic-policy';

/** Properties of a {@link MeshService}. */
export interface MeshServiceProps {
  /**
   * What the mesh service stands for: a Service to create, an existing Service, a workload, or
   * a host defined elsewhere.
   * @default MeshServiceSource.newService()
   */
  readonly source?: MeshServiceSource;

  /**
   * Name of the service: the Kubernetes Service name, and the name of its DestinationRule and
   * VirtualService.
   * @default - the adopted Service's name; for a host, its first label; otherwise the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the service and of its routing objects.
   * @default - the adopted Service's namespace, else the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Port of the service (HTTP). Shorthand for `ports: [{ port }]`.
   * @default - see `ports`
   */
  readonly port?: number;

  /**
   * Ports of a Service this construct creates.
   * @default - the container ports of the first version's workload
   */
  readonly ports?: MeshServicePort[];

  /**
   * Value of the `app` label that the created Service selects and that versions' pod templates
   * receive (Istio also uses it to name the workload in telemetry).
   * @default - the service name
   */
  readonly appLabel?: string;

  /**
   * Traffic policy for all traffic to the service (connection pool, outlier detection, load
   * balancing, TLS origination), rendered into its DestinationRule.
   * @default - none: Istio's defaults
   */
  readonly trafficPolicy?: TrafficPolicy;
}

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

  constructor(scope: Construct, id: string, props: MeshServiceProps = {}) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.source = props.source ?? MeshServiceSource.newService();
    if (props.port !== undefined && props.ports !== undefined) {
      throw new Error(`${this.node.path}: set either port or ports, not both.`);
    }
    this.explicitPorts = props.ports ?? (props.port !== undefined ? [{ port: props.port }] : undefined);
    this.explicitPorts?.forEach((p, i) => this.checkPort(p, `ports[${i}]`));
    const adopted = [SourceKind.SERVICE, SourceKind.SERVICE_OBJECT, SourceKind.HOST].includes(this.source._kind);
    if (this.explicitPorts && adopted) {
      throw new Error(`${this.node.path}: port/ports only apply to a Service this construct creates; the adopted service keeps its own ports.`);
    }

    const chartNamespace = Chart.of(this).namespace;
    this.objectNamespace = props.namespace ?? chartNamespace;
    const identity = this.resolveIdentity(id, props);
    this.name = identity.name;
    this.namespace = identity.namespace;
    this.host = identity.host;
    if (!isDns1123Label(this.name)) {
      throw new Error(`${this.node.path}: name '${this.name}' is not a valid Kubernetes name; use lower-case letters, digits and '-', e.g. name: '${toDns1123Label(this.name)}'.`);
    }

    if (this.ownsSelector()) {
      this.appLabel = props.appLabel ?? this.name;
      if (!isLabelValue(this.appLabel)) {
        throw new Error(`${this.node.path}: appLabel '${this.appLabel}' is not a valid label value; use at most 63 letters, digits, '-', '_' or '.'.`);
      }
      this._service = this.createService();
    } else if (props.appLabel !== undefined) {
      throw new Error(`${this.node.path}: appLabel only applies to a Service this construct creates; the adopted service keeps its selector.`);
    }

    if (this.source._kind === SourceKind.WORKLOAD && this.source._workload) {
      this.labelWorkload(this.source._workload, {}, 'source');
      this.portSources.push(this.source._workload);
    }
    if (this.source._kind === SourceKind.WORKLOAD_OBJECT && this.source._object) {
      this.labelWorkloadObject(this.source._object, {}, 'source');
      this.portSources.push(this.source._object);
    }
    if (props.trafficPolicy !== undefined) this.applyTrafficPolicy(props.trafficPolicy);
  }

  /**
   * Adds a version backed by a cdk8s-plus workload. Its pod template receives the labels
   * `version: <name>` (and `app: <appLabel>` when this construct created the Service), and the
   * DestinationRule gets a subset `<name>` selecting them.
   */
  public addVersion(name: string, workload: kplus.Workload, options: VersionOptions = {}): ServiceVersion {
    this.checkVersionName(name);
    this.labelWorkload(workload, { [VERSION_LABEL]: name }, `addVersion('${name}')`);
    this.portSources.push(workload);
    return this.registerVersion(name, { [VERSION_LABEL]: name }, options);
  }

  /**
   * Adds a version backed by a workload written as a plain cdk8s `ApiObject`
   * (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod). Its pod template
   * is patched with the version labels.
   */
  public addVersionFromObject(name: string, workload: ApiObject, options: VersionOptions = {}): ServiceVersion {
    this.checkVersionName(name);
    this.labelWorkloadObject(workload, { [VERSION_LABEL]: name }, `addVersionFromObject('${name}')`);
    this.portSources.push(workload);
    return this.registerVersion(name, { [VERSION_LABEL]: name }, options);
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
        throw new Error(`${this.node.path}: addVersionWithLabels('${name}') label ${k}=${v} is not a valid Kubernetes label.`);
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
    policy._render(this.node.path, 'trafficPolicy');
    this._trafficPolicy = policy;
    this.ensureDestinationRule();
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
    this.routes.push(route);
    this.ensureVirtualService();
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
   * then annotated to skip `virtualservice-gateway-not-found`, which cannot see that Gateway.
   */
  public exposeThroughGateway(gateway: IGateway, options: GatewayExposureOptions = {}): void {
    this.gatewayExposures.add(this.node.path, gateway, options);
    this.ensureVirtualService();
    if (gateway.definedElsewhere) ignoreGatewayNotFound(this._virtualService!);
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

  private defaultRoute(): HttpRoute {
    if (!this._defaultRoute) {
      this._defaultRoute = this.addRoute({ name: 'default' });
    }
    return this._defaultRoute;
  }

  private registerVersion(name: string, labels: { [key: string]: string }, options: VersionOptions): ServiceVersion {
    if (this._versions.has(name)) {
      throw new Error(`${this.node.path}: version '${name}' was already added; each version name is used once.`);
    }
    const version = new ServiceVersion(this, name, labels, options);
    this._versions.set(name, version);
    this.ensureDestinationRule();
    return version;
  }

  private checkVersionName(name: string): void {
    if (!isDns1123Label(name)) {
      throw new Error(`${this.node.path}: version name '${name}' is not a valid subset name; use lower-case letters, digits and '-', e.g. '${toDns1123Label(name)}'.`);
    }
  }

  private checkPort(p: MeshServicePort, prop: string): void {
    for (const [field, value] of [['port', p.port], ['targetPort', p.targetPort]] as Array<[string, number | undefined]>) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 65535)) {
        throw new Error(`${this.node.path}: ${prop}.${field} is ${value}; a port is a whole number from 1 to 65535.`);
      }
    }
    if (p.name !== undefined && !isDns1123Label(p.name)) {
      throw new Error(`${this.node.path}: ${prop}.name '${p.name}' is not a valid port name; use e.g. '${toDns1123Label(p.name)}'.`);
    }
  }

  private ownsSelector(): boolean {
    const k = this.source._kind;
    return k === SourceKind.NEW_SERVICE || k === SourceKind.WORKLOAD || k === SourceKind.WORKLOAD_OBJECT;
  }

  private resolveIdentity(id: string, props: MeshServiceProps): { name: string; namespace: string; host: string } {
    const s = this.source;
    const fallbackNamespace = this.objectNamespace ?? 'default';
    switch (s._kind) {
      case SourceKind.SERVICE: {
        const svc = s._service!;
        const namespace = svc.metadata.namespace ?? Chart.of(svc).namespace ?? 'default';
        return { name: props.name ?? svc.name, namespace, host: this.mesh.serviceHost(svc.name, namespace) };
      }
      case SourceKind.SERVICE_OBJECT: {
        const obj = s._object!;
        const namespace = obj.metadata.namespace ?? Chart.of(obj).namespace ?? 'default';
        return { name: props.name ?? obj.name, namespace, host: this.mesh.serviceHost(obj.name, namespace) };
      }
      case SourceKind.HOST: {
        const host = s._host!;
        const name = props.name ?? toDns1123Label(host.split('.')[0]);
        return { name, namespace: fallbackNamespace, host };
      }
      default: {
        const name = props.name ?? toDns1123Label(id);
        return { name, namespace: fallbackNamespace, host: this.mesh.serviceHost(name, fallbackNamespace) };
      }
    }
  }

  private labelsForPods(extra: { [key: string]: string }): { [key: string]: string } {
    return this.appLabel !== undefined ? { [APP_LABEL]: this.appLabel, ...extra } : { ...extra };
  }

  private labelWorkload(workload: kplus.Workload, extra: { [key: string]: string }, call: string): void {
    const labels = this.labelsForPods(extra);
    for (const [k, v] of Object.entries(labels)) {
      const existing = workload.podMetadata.getLabel(k);
      if (existing !== undefined && existing !== v) {
        throw new Error(
          `${this.node.path}: ${call}: the pod template of ${workload.node.path} already has label ${k}=${existing}, ` +
          `but this service needs ${k}=${v}. Remove that label from the workload${k === APP_LABEL ? `, or set appLabel: '${existing}' on the MeshService` : ''}.`,
        );
      }
    }
    for (const [k, v] of Object.entries(labels)) workload.podMetadata.addLabel(k, v);
  }

  private labelWorkloadObject(obj: ApiObject, extra: { [key: string]: string }, call: string): void {
    const labels = this.labelsForPods(extra);
    if (Object.keys(labels).length === 0) return;
    if (obj.kind === 'Pod') {
      for (const [k, v] of Object.entries(labels)) obj.metadata.addLabel(k, v);
      return;
    }
    const templatePath = obj.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
    if (!['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'].includes(obj.kind)) {
      throw new Error(`${this.node.path}: ${call}: ${obj.node.path} is a ${obj.kind}; pass a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod.`);
    }
    const current = obj.toJson();
    let node: any = current;
    for (const seg of templatePath) node = node?.[seg];
    if (node === undefined || node === null || typeof node !== 'object') {
      throw new Error(`${this.node.path}: ${call}: ${obj.node.path} has no pod template at ${templatePath.join('.')}.`);
    }
    const pointer = '/' + templatePath.join('/');
    if (!node.metadata) {
      obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata`, { labels }));
      return;
    }
    if (!node.metadata.labels) {
      obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata/labels`, labels));
      return;
    }
    for (const [k, v] of Object.entries(labels)) {
      const existing = node.metadata.labels[k];
      if (existing !== undefined && existing !== v) {
        throw new Error(`${this.node.path}: ${call}: the pod template of ${obj.node.path} already has label ${k}=${existing}, but this service needs ${k}=${v}.`);
      }
      obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata/labels/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, v));
    }
  }

  private metadata(name: string): any {
    return this.objectNamespace ? { name, namespace: this.objectNamespace } : { name };
  }

  private createService(): ApiObject {
    return new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...this.metadata(this.name), labels: { [APP_LABEL]: this.appLabel! } },
      spec: Lazy.any({ produce: () => this.renderServiceSpec() }),
    });
  }

  private renderServiceSpec(): any {
    const ports = this.explicitPorts ?? this.inferPorts();
    if (ports.length === 0) {
      throw new Error(`${this.node.path}: the Service has no port; set port (e.g. port: 8080) or give a version's container a portNumber.`);
    }
    const counts = new Map<Protocol, number>();
    for (const p of ports) counts.set(p.protocol ?? Protocol.HTTP, (counts.get(p.protocol ?? Protocol.HTTP) ?? 0) + 1);
    return {
      selector: { [APP_LABEL]: this.appLabel! },
      ports: ports.map((p) => {
        const protocol = p.protocol ?? Protocol.HTTP;
        const prefix = protocol.toLowerCase();
        return {
          name: p.name ?? ((counts.get(protocol) ?? 0) > 1 ? `${prefix}-${p.port}` : prefix),
          port: p.port,
          targetPort: p.targetPort ?? p.port,
          protocol: 'TCP',
          appProtocol: prefix,
        };
      }),
    };
  }

  private inferPorts(): MeshServicePort[] {
    for (const source of this.portSources) {
      const numbers = new Set<number>();
      if (source instanceof ApiObject) {
        const json = source.toJson();
        const template = source.kind === 'Pod' ? json : source.kind === 'CronJob' ? json?.spec?.jobTemplate?.spec?.template : json?.spec?.template;
        for (const c of template?.spec?.containers ?? []) {
          for (const p of c.ports ?? []) if (typeof p.containerPort === 'number') numbers.add(p.containerPort);
        }
      } else {
        for (const c of source.containers) {
          if (c.portNumber !== undefined) numbers.add(c.portNumber);
          for (const p of c.ports) numbers.add(p.number);
        }
      }
      if (numbers.size > 0) return [...numbers].map((port) => ({ port }));
    }
    return [];
  }

  private ensureDestinationRule(): void {
    if (this._destinationRule) return;
    this._destinationRule = new ApiObject(this, 'DestinationRule', {
      apiVersion: this.mesh.networkingApiVersion,
      kind: 'DestinationRule',
      metadata: this.metadata(this.name),
      spec: Lazy.any({ produce: () => this.renderDestinationRuleSpec() }),
    });
    this._virtualService?.addDependency(this._destinationRule);
  }

  private renderDestinationRuleSpec(): any {
    const spec: Record<string, any> = { host: this.host };
    if (this._trafficPolicy) spec.trafficPolicy = this._trafficPolicy._render(this.node.path, 'trafficPolicy');
    if (this._versions.size > 0) spec.subsets = this.versions.map((v) => v._toSubset());
    return spec;
  }

  private ensureVirtualService(): void {
    if (this._virtualService) return;
    this._virtualService = new ApiObject(this, 'VirtualService', {
      apiVersion: this.mesh.networkingApiVersion,
      kind: 'VirtualService',
      metadata: this.metadata(this.name),
      spec: Lazy.any({ produce: () => this.renderVirtualServiceSpec() }),
    });
    // Subsets must exist before routes name them (Istio's make-before-break advice).
    if (this._destinationRule) this._virtualService.addDependency(this._destinationRule);
  }

  private renderVirtualServiceSpec(): any {
    const context = { defaultHost: this.host, apiVersion: this.mesh.apiVersion };
    if (!this.gatewayExposures.bound) {
      return { hosts: [this.host], http: this.routes.map((r) => r.toJson(context)) };
    }
    const extra = this.gatewayExposures.hosts(this.node.path, this.objectNamespace ?? 'default');
    // Exposed without routes of its own: everything to the service.
    const routes = this.routes.length > 0 ? this.routes : [new HttpRoute(this.node.path, {})];
    // A VirtualService the sidecars no longer use keeps only the hosts clients use at the gateway.
    return {
      hosts: this.gatewayExposures.inMesh ? [this.host, ...extra.filter((h) => h !== this.host)] : extra,
      gateways: this.gatewayExposures.gateways(),
      http: routes.map((r) => r.toJson(context)),
    };
  }
}
