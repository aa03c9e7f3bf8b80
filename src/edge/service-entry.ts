import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { EgressRoute, EgressRouteOptions } from './egress-route';
import { dnsNameProblem, isWildcardName, unique } from './hosts';
import { ipOrCidrProblem, isIpAddress } from '../analysis/validators/ip';
import { isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue, toDns1123Label } from '../analysis/validators/names';
import { Mesh } from '../mesh/mesh';
import { Protocol } from '../mesh/protocol';
import { shownNumber } from '../private/checks';
import { RenderContext } from '../private/render-context';
import { WorkloadSelector } from '../security/workload-selector';

/** How the proxies find the addresses of a ServiceEntry's hosts. */
export enum ServiceEntryResolution {
  /** Forward to the address the application connected to (no resolution by the proxy). */
  NONE = 'NONE',
  /** Use the IP addresses of `endpoints`. */
  STATIC = 'STATIC',
  /** Resolve the hosts (or the endpoints' host names) through DNS, keeping every address. */
  DNS = 'DNS',
  /** Resolve through DNS and use the first address only: for large web services whose records change often. */
  DNS_ROUND_ROBIN = 'DNS_ROUND_ROBIN',
  /** Resolve the name of each request (Host header or SNI) for wildcard hosts; MESH_EXTERNAL only. */
  DYNAMIC_DNS = 'DYNAMIC_DNS',
}

/** Whether a ServiceEntry's service is outside the mesh or part of it. */
export enum ServiceEntryLocation {
  /** Outside the mesh: no mutual TLS to it, and its metrics count as external. */
  MESH_EXTERNAL = 'MESH_EXTERNAL',
  /** Part of the mesh (e.g. VMs with sidecars, or services of another cluster). */
  MESH_INTERNAL = 'MESH_INTERNAL',
}

/** A port of a ServiceEntry. */
export interface ServiceEntryPort {
  /** Port number clients call. */
  readonly number: number;

  /** Protocol on the port (`HTTPS` or `TLS` for TLS the application originates). */
  readonly protocol: Protocol;

  /**
   * Name of the port (endpoints' `ports` are keyed by it).
   * @default - the protocol in lower case, with `-<number>` added when two ports share a protocol
   */
  readonly name?: string;

  /**
   * Port on the endpoints the traffic is sent to.
   * @default - same as `number`
   */
  readonly targetPort?: number;
}

/** An endpoint (instance) of a ServiceEntry's service. */
export interface ServiceEntryEndpoint {
  /**
   * IP address, host name (with DNS resolution) or `unix://` socket path of the endpoint.
   * @default - none; then `network` is required (an endpoint reached through that network's gateway)
   */
  readonly address?: string;

  /**
   * Ports of this endpoint, by the ServiceEntry's port names, when they differ from the
   * service ports (e.g. `{ https: 8443 }`).
   * @default - the service ports' target ports
   */
  readonly ports?: { [portName: string]: number };

  /**
   * Labels of the endpoint (subsets of a DestinationRule select endpoints by them).
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Network the endpoint is in (multi-network meshes).
   * @default - the same network as the client
   */
  readonly network?: string;

  /**
   * Locality of the endpoint, `region/zone/subzone`, for locality load balancing.
   * @default - unknown locality
   */
  readonly locality?: string;

  /**
   * Load-balancing weight of the endpoint, relative to the others.
   * @default - equal weights
   */
  readonly weight?: number;

  /**
   * Service account of the workload behind the endpoint (for identity checks with mutual TLS).
   * @default - none
   */
  readonly serviceAccount?: string;
}

/** Properties of a {@link ServiceEntry}. */
export interface ServiceEntryProps {
  /**
   * Host names of the service (`api.example.com`, `*.example.com`; not `*`). Routing rules and
   * `MeshServiceSource.fromHost()` address it by them.
   */
  readonly hosts: string[];

  /** Ports of the service, at least one. */
  readonly ports: ServiceEntryPort[];

  /**
   * How proxies find the service's addresses.
   * @default - STATIC with a `workloadSelector` or when every endpoint is an IP address or socket;
   * DNS with other endpoints or without endpoints; NONE without endpoints when a host is a
   * wildcard (`*.example.com`)
   */
  readonly resolution?: ServiceEntryResolution;

  /**
   * Whether the service is outside the mesh or part of it.
   * @default ServiceEntryLocation.MESH_EXTERNAL
   */
  readonly location?: ServiceEntryLocation;

  /**
   * Virtual IP addresses or CIDR ranges of the service (CIDR only with NONE or STATIC
   * resolution). Needed to tell TCP services apart, which carry no host name.
   * @default - none
   */
  readonly addresses?: string[];

  /**
   * Endpoints of the service. More can be added with `addEndpoint()`. Not with NONE resolution
   * or a `workloadSelector`.
   * @default - none: the hosts themselves (DNS) or the address the client connected to (NONE)
   */
  readonly endpoints?: ServiceEntryEndpoint[];

  /**
   * The pods or VMs (WorkloadEntries) of the service, by labels, for a MESH_INTERNAL service.
   * Not with `endpoints`.
   * @default - none
   */
  readonly workloadSelector?: WorkloadSelector;

  /**
   * Namespaces that see the service: namespace names, `.` (its own namespace), `*` (all) or
   * `~` (none but the service's own proxies).
   * @default - all namespaces (Istio's default)
   */
  readonly exportTo?: string[];

  /**
   * Subject alternative names the service's server certificates must hold (checked when the
   * proxy originates TLS to it).
   * @default - no SAN check
   */
  readonly subjectAltNames?: string[];

  /**
   * Name of the ServiceEntry object.
   * @default - the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the ServiceEntry object.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;
}

/** Longest endpoint `network` or `locality` the ServiceEntry CRD schema accepts. */
const MAX_ENDPOINT_TEXT = 2048;

const HTTP_FAMILY: string[] = [Protocol.HTTP, Protocol.HTTP2, Protocol.GRPC];
const TLS_FAMILY: string[] = [Protocol.HTTPS, Protocol.TLS];

/** A port with its settled name. */
interface NamedPort {
  readonly number: number;
  readonly protocol: Protocol;
  readonly name: string;
  readonly targetPort?: number;
}

/**
 * An Istio ServiceEntry: adds a service the mesh does not discover by itself (an external API, a
 * database outside the cluster, VMs) to the service registry, so sidecars can route to it, apply
 * DestinationRules to it, and reach it under an outbound policy of REGISTRY_ONLY.
 *
 * Route to it like to any service with `new MeshService(scope, id, { source:
 * MeshServiceSource.fromHost(entry.host) })`, or send it through an egress gateway with
 * `entry.routeThroughEgressGateway()`.
 *
 * @example
 * const payments = new ServiceEntry(chart, 'payments-api', {
 *   hosts: ['api.payments.example.com'],
 *   ports: [{ number: 443, protocol: Protocol.TLS }],
 * });
 */
export class ServiceEntry extends Construct {
  /** Name of the ServiceEntry object. */
  public readonly name: string;
  /** Namespace of the ServiceEntry object. */
  public readonly namespace: string;
  /** Whether the service is outside the mesh or part of it. */
  public readonly location: ServiceEntryLocation;
  /** The mesh it belongs to. */
  public readonly mesh: Mesh;
  /** The emitted ServiceEntry object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  private readonly _hosts: string[];
  private readonly _ports: NamedPort[];
  private readonly _endpoints: ServiceEntryEndpoint[] = [];
  private readonly explicitResolution?: ServiceEntryResolution;
  private readonly addresses: string[];
  private readonly workloadSelector?: WorkloadSelector;
  private readonly exportTo?: string[];
  private readonly subjectAltNames?: string[];

  constructor(scope: Construct, id: string, props: ServiceEntryProps) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    const where = this.node.path;
    this.name = props.name ?? toDns1123Label(id);
    if (!isDns1123Subdomain(this.name)) {
      throw new Error(`${where}: name '${this.name}' is not a valid Kubernetes name; use lower-case letters, digits, '-' and '.', e.g. '${toDns1123Label(this.name)}'.`);
    }
    if (props.namespace !== undefined && !isDns1123Label(props.namespace)) {
      throw new Error(`${where}: namespace '${props.namespace}' is not a valid Kubernetes namespace name; use lower-case letters, digits and '-'.`);
    }
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
    this._hosts = this.checkHosts(props.hosts);
    this._ports = this.checkPorts(props.ports);
    this.location = props.location ?? ServiceEntryLocation.MESH_EXTERNAL;
    if (!Object.values(ServiceEntryLocation).includes(this.location)) {
      throw new Error(`${where}: location is ${JSON.stringify(this.location)}; use ServiceEntryLocation.MESH_EXTERNAL or MESH_INTERNAL.`);
    }
    if (props.resolution !== undefined && !Object.values(ServiceEntryResolution).includes(props.resolution)) {
      throw new Error(`${where}: resolution is ${JSON.stringify(props.resolution)}; use ServiceEntryResolution.DNS, STATIC, NONE, DNS_ROUND_ROBIN or DYNAMIC_DNS.`);
    }
    this.explicitResolution = props.resolution;
    this.addresses = [...(props.addresses ?? [])];
    this.addresses.forEach((a, i) => {
      if (typeof a !== 'string' || ipOrCidrProblem(a) !== undefined) {
        throw new Error(`${where}: addresses[${i}] is ${JSON.stringify(a)}; write an IP address or CIDR range, e.g. '240.240.0.1' or '10.20.0.0/16'.`);
      }
    });
    if (props.workloadSelector !== undefined && !(props.workloadSelector instanceof WorkloadSelector)) {
      throw new Error(`${where}: workloadSelector must be a WorkloadSelector, e.g. WorkloadSelector.fromLabels({ app: 'legacy-vm' }).`);
    }
    if (props.workloadSelector?.namespace !== undefined && props.workloadSelector.namespace !== this.namespace) {
      throw new Error(
        `${where}: workloadSelector picks ${props.workloadSelector._description} in namespace '${props.workloadSelector.namespace}', ` +
        `but a ServiceEntry only selects workloads of its own namespace ('${this.namespace}'). Put the ServiceEntry in '${props.workloadSelector.namespace}'.`,
      );
    }
    this.workloadSelector = props.workloadSelector;
    this.exportTo = props.exportTo === undefined ? undefined : this.checkExportTo(props.exportTo);
    this.subjectAltNames = props.subjectAltNames === undefined ? undefined : [...props.subjectAltNames];
    this.subjectAltNames?.forEach((san, i) => {
      if (typeof san !== 'string' || san.trim() === '') {
        throw new Error(`${where}: subjectAltNames[${i}] is ${JSON.stringify(san)}; write a name such as 'api.payments.example.com'.`);
      }
    });

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.mesh.networkingApiVersion,
      kind: 'ServiceEntry',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    (props.endpoints ?? []).forEach((e, i) => this.addOne(e, `endpoints[${i}]`));
    this.checkCombination();
  }

  /** Adds an endpoint. */
  public addEndpoint(endpoint: ServiceEntryEndpoint): void {
    this.addOne(endpoint, `addEndpoint(${this._endpoints.length})`);
    this.checkCombination();
  }

  /** Host names of the service. */
  public get hosts(): string[] {
    return [...this._hosts];
  }

  /** The first host name, e.g. for `MeshServiceSource.fromHost(entry.host)`. */
  public get host(): string {
    return this._hosts[0];
  }

  /** Ports of the service, with their names. */
  public get ports(): ServiceEntryPort[] {
    return this._ports.map((p) => ({ ...p }));
  }

  /** Endpoints of the service. */
  public get endpoints(): ServiceEntryEndpoint[] {
    return [...this._endpoints];
  }

  /** The resolution written (the given one, or the default for the current endpoints and hosts). */
  public get resolution(): ServiceEntryResolution {
    if (this.explicitResolution !== undefined) return this.explicitResolution;
    if (this.workloadSelector !== undefined) return ServiceEntryResolution.STATIC;
    if (this._endpoints.length > 0) {
      const literal = this._endpoints.every((e) => e.address === undefined || isIpAddress(e.address) || e.address.startsWith('unix://'));
      return literal ? ServiceEntryResolution.STATIC : ServiceEntryResolution.DNS;
    }
    return this._hosts.some(isWildcardName) ? ServiceEntryResolution.NONE : ServiceEntryResolution.DNS;
  }

  /**
   * The hosts as a Sidecar's egress hosts name them (`<namespace>/<host>`), to let a Sidecar
   * reach this service.
   */
  public get sidecarHosts(): string[] {
    return this._hosts.map((h) => `${this.namespace}/${h}`);
  }

  /**
   * Sends the mesh's traffic to this service through an egress gateway, with the Gateway,
   * DestinationRule and VirtualServices of Istio's "Egress Gateways" task: sidecars route the
   * hosts to the egress gateway, which routes them on to the service.
   */
  public routeThroughEgressGateway(options: EgressRouteOptions = {}): EgressRoute {
    if (this.node.tryFindChild('EgressGateway') !== undefined) {
      throw new Error(
        `${this.node.path}: routeThroughEgressGateway() was already called; the hosts are routed through one egress gateway. ` +
        'Pass every port to route in one call (ports: [...]).',
      );
    }
    return new EgressRoute(this, 'EgressGateway', { ...options, serviceEntry: this });
  }

  private checkHosts(hosts: string[] | undefined): string[] {
    const where = this.node.path;
    if (!Array.isArray(hosts) || hosts.length === 0) {
      throw new Error(`${where}: hosts is empty; a ServiceEntry names at least one host, e.g. hosts: ['api.example.com'].`);
    }
    hosts.forEach((h, i) => {
      if (h === '*') {
        throw new Error(`${where}: hosts[${i}] is '*'; Istio rejects a ServiceEntry for every host. Name the hosts, or a domain such as '*.example.com'.`);
      }
      const problem = typeof h !== 'string' ? 'is not a string' : isIpAddress(h) ? undefined : dnsNameProblem(h, true, true);
      if (problem) throw new Error(`${where}: hosts[${i}] '${h}' ${problem}.`);
    });
    if (unique(hosts).length !== hosts.length) {
      throw new Error(`${where}: hosts lists a host twice (${hosts.join(', ')}); list each once.`);
    }
    return [...hosts];
  }

  private checkPorts(ports: ServiceEntryPort[] | undefined): NamedPort[] {
    const where = this.node.path;
    if (!Array.isArray(ports) || ports.length === 0) {
      throw new Error(`${where}: ports is empty; give at least one, e.g. ports: [{ number: 443, protocol: Protocol.TLS }].`);
    }
    const counts = new Map<string, number>();
    for (const p of ports) counts.set(p?.protocol, (counts.get(p?.protocol) ?? 0) + 1);
    const named = ports.map((p, i) => {
      const prop = `ports[${i}]`;
      if (!Object.values(Protocol).includes(p?.protocol)) {
        RenderContext.of(where).child(`${prop}.protocol`).fail(`is ${JSON.stringify(p?.protocol)}; use Protocol.HTTP, HTTPS, TLS, TCP, GRPC, … .`);
      }
      for (const [field, value] of [['number', p.number], ['targetPort', p.targetPort]] as Array<[string, number | undefined]>) {
        if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 65535)) {
          RenderContext.of(where).child(`${prop}.${field}`).fail(`is ${shownNumber(value)}; a port is a whole number from 1 to 65535.`);
        }
      }
      if (p.number === undefined) RenderContext.of(where).child(`${prop}.number`).fail('is missing; give the port clients call, e.g. 443.');
      const prefix = p.protocol.toLowerCase();
      const name = p.name ?? ((counts.get(p.protocol) ?? 0) > 1 ? `${prefix}-${p.number}` : prefix);
      if (!isDns1123Label(name)) {
        RenderContext.of(where).child(`${prop}.name`).fail(`'${name}' is not a valid port name; use lower-case letters, digits and '-', e.g. '${prefix}-${p.number}'.`);
      }
      return { number: p.number, protocol: p.protocol, name, targetPort: p.targetPort };
    });
    named.forEach((p, i) => {
      const before = named.slice(0, i);
      if (before.some((q) => q.number === p.number)) throw new Error(`${where}: ports[${i}] repeats port ${p.number}; each port number is listed once.`);
      if (before.some((q) => q.name === p.name)) throw new Error(`${where}: ports[${i}] repeats the port name '${p.name}'; give the ports distinct names.`);
    });
    return named;
  }

  private checkExportTo(values: string[]): string[] {
    const where = this.node.path;
    values.forEach((v, i) => {
      if (typeof v !== 'string' || (v !== '.' && v !== '*' && v !== '~' && !isDns1123Label(v))) {
        throw new Error(`${where}: exportTo[${i}] is ${JSON.stringify(v)}; use a namespace name, '.' (this namespace), '*' (all) or '~' (none).`);
      }
    });
    const resolved = values.map((v) => (v === '.' ? this.namespace : v));
    if (unique(resolved).length !== resolved.length) {
      throw new Error(`${where}: exportTo lists a namespace twice (${values.join(', ')}; '.' is ${this.namespace}); list each once.`);
    }
    for (const special of ['*', '~']) {
      if (values.includes(special) && values.length > 1) {
        throw new Error(`${where}: exportTo combines '${special}' with other entries (${values.join(', ')}); '${special}' stands alone.`);
      }
    }
    return [...values];
  }

  private addOne(endpoint: ServiceEntryEndpoint, prop: string): void {
    const where = this.node.path;
    const e = endpoint ?? {};
    if (e.address === undefined && e.network === undefined) {
      RenderContext.of(where).child(prop).fail('has neither address nor network; give the endpoint\'s address, e.g. { address: \'10.0.0.5\' }.');
    }
    if (e.address !== undefined) {
      const unix = typeof e.address === 'string' && e.address.startsWith('unix://');
      const path = unix ? e.address.slice('unix://'.length) : '';
      const ok = typeof e.address === 'string' && (unix
        ? (path.startsWith('/') || path.startsWith('@')) && !path.endsWith('/')
        : isIpAddress(e.address) || dnsNameProblem(e.address, true) === undefined);
      if (!ok || (typeof e.address === 'string' && e.address.includes('*'))) {
        RenderContext.of(where).child(`${prop}.address`).fail(`is ${JSON.stringify(e.address)}; write an IP address, a host name or 'unix:///absolute/path'.`);
      }
      if (unix && e.ports !== undefined) {
        RenderContext.of(where).child(prop).fail('is a unix:// socket with ports; a socket has no port, so remove ports.');
      }
      if (unix && this._ports.length !== 1) {
        RenderContext.of(where).child(prop).fail(`is a unix:// socket, but the ServiceEntry has ${this._ports.length} ports; Istio needs exactly one service port for a socket endpoint.`);
      }
    }
    for (const [name, port] of Object.entries(e.ports ?? {})) {
      if (!this._ports.some((p) => p.name === name)) {
        RenderContext.of(where).child(`${prop}.ports`).fail(`names '${name}', which is not a port of this ServiceEntry (${this._ports.map((p) => `'${p.name}'`).join(', ')}); key endpoint ports by the service port names.`);
      }
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        RenderContext.of(where).child(`${prop}.ports.${name}`).fail(`is ${shownNumber(port)}; a port is a whole number from 1 to 65535.`);
      }
    }
    for (const [k, v] of Object.entries(e.labels ?? {})) {
      if (!isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v)) {
        RenderContext.of(where).child(`${prop}.labels`).fail(`${k}=${v} is not a valid Kubernetes label`, "use a key such as 'app' or 'example.com/tier' and a value of at most 63 letters, digits, '-', '_' or '.', e.g. { app: 'reviews' }.");
      }
    }
    if (e.weight !== undefined && (!Number.isInteger(e.weight) || e.weight < 0 || e.weight > 4294967295)) {
      RenderContext.of(where).child(`${prop}.weight`).fail(`is ${e.weight}; a weight is a whole number of at least 0.`);
    }
    // Istio checks neither value (a locality splits at '/' into region, zone and subzone); the CRD
    // schema takes a string of at most 2048 characters.
    for (const [field, example] of [['network', "'vm-network'"], ['locality', "'us-east/zone1'"]] as const) {
      const value: unknown = e[field];
      if (value === undefined) continue;
      if (typeof value !== 'string') {
        RenderContext.of(where).child(`${prop}.${field}`).fail(`is ${JSON.stringify(value) ?? String(value)} (a ${value === null ? 'null' : typeof value}, not a string)`, `write it as a string, e.g. ${example}.`);
      } else if (value.length > MAX_ENDPOINT_TEXT) {
        RenderContext.of(where).child(`${prop}.${field}`).fail(`is ${value.length} characters long; the ServiceEntry CRD takes at most ${MAX_ENDPOINT_TEXT}`, `write a shorter value, e.g. ${example}.`);
      }
    }
    if (e.serviceAccount !== undefined && !isDns1123Subdomain(e.serviceAccount)) {
      RenderContext.of(where).child(`${prop}.serviceAccount`).fail(`'${e.serviceAccount}' is not a valid service account name.`);
    }
    this._endpoints.push({ ...e, ports: e.ports ? { ...e.ports } : undefined, labels: e.labels ? { ...e.labels } : undefined });
  }

  /** The cross-field rules Istio's CRD and webhook enforce on resolution, endpoints and ports. */
  private checkCombination(): void {
    const where = this.node.path;
    const resolution = this.resolution;
    const n = this._endpoints.length;
    if (this.workloadSelector && n > 0) {
      throw new Error(`${where}: has both endpoints and a workloadSelector; Istio accepts one of them. Remove one.`);
    }
    if (resolution === ServiceEntryResolution.NONE && n > 0) {
      throw new Error(`${where}: resolution NONE with endpoints; Istio rejects it (NONE forwards to the address the client called). Use STATIC for IP endpoints, DNS for host names, or remove the endpoints.`);
    }
    if (resolution === ServiceEntryResolution.DNS_ROUND_ROBIN && n > 1) {
      throw new Error(`${where}: resolution DNS_ROUND_ROBIN with ${n} endpoints; it takes at most one. Use DNS for several endpoints.`);
    }
    if (resolution === ServiceEntryResolution.STATIC) {
      this._endpoints.forEach((e, i) => {
        if (e.address !== undefined && !isIpAddress(e.address) && !e.address.startsWith('unix://')) {
          throw new Error(`${where}: endpoint ${i} has address '${e.address}', a host name, but resolution is STATIC, which takes IP addresses; use resolution DNS, or an IP address.`);
        }
      });
    }
    const cidr = this.addresses.some((a) => a.includes('/'));
    if (cidr && resolution !== ServiceEntryResolution.NONE && resolution !== ServiceEntryResolution.STATIC) {
      throw new Error(`${where}: addresses has a CIDR range with resolution ${resolution}; Istio allows CIDR ranges only with NONE or STATIC. List single addresses, or change the resolution.`);
    }
    if (resolution !== ServiceEntryResolution.NONE && this._hosts.length > 1) {
      const opaque = this._ports.find((p) => !HTTP_FAMILY.includes(p.protocol) && !TLS_FAMILY.includes(p.protocol));
      if (opaque) {
        throw new Error(
          `${where}: several hosts (${this._hosts.join(', ')}) with the ${opaque.protocol} port ${opaque.number}; Istio rejects it, since nothing in ` +
          `${opaque.protocol} traffic tells the hosts apart. Use one ServiceEntry per host, or resolution NONE.`,
        );
      }
    }
  }

  private renderSpec(): any {
    this.checkCombination();
    const spec: Record<string, any> = {
      hosts: [...this._hosts],
      ports: this._ports.map((p) => ({
        number: p.number, protocol: p.protocol, name: p.name, ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
      })),
      location: this.location,
      resolution: this.resolution,
    };
    if (this.addresses.length > 0) spec.addresses = [...this.addresses];
    if (this._endpoints.length > 0) {
      spec.endpoints = this._endpoints.map((e) => {
        const out: Record<string, any> = {};
        for (const k of ['address', 'ports', 'labels', 'network', 'locality', 'weight', 'serviceAccount'] as const) {
          if (e[k] !== undefined) out[k] = e[k];
        }
        return out;
      });
    }
    if (this.workloadSelector) spec.workloadSelector = { labels: this.workloadSelector._render(RenderContext.of(this.node.path).child('workloadSelector')).matchLabels };
    if (this.exportTo) spec.exportTo = [...this.exportTo];
    if (this.subjectAltNames && this.subjectAltNames.length > 0) spec.subjectAltNames = [...this.subjectAltNames];
    return spec;
  }
}
