import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { sidecarHostProblem, unique } from './hosts';
import { OutboundTrafficPolicy } from './outbound-traffic-policy';
import { ServerTls } from './server-tls';
import { ServiceEntry } from './service-entry';
import { isIpAddress } from '../analysis/validators/ip';
import { isDns1123Label } from '../analysis/validators/names';
import { Mesh } from '../mesh/mesh';
import { MeshService } from '../mesh/mesh-service';
import { Protocol } from '../mesh/protocol';
import { shownNumber } from '../private/checks';
import { policyName, policyNamespace } from '../private/policy-placement';
import { RenderContext } from '../private/render-context';
import { WorkloadSelector } from '../security/workload-selector';
import { ConnectionPoolSettings, renderConnectionPool } from '../traffic/connection-pool';

/** How traffic reaches a Sidecar listener bound to an IP. */
export enum CaptureMode {
  /** The environment's default capture (iptables in Kubernetes). */
  DEFAULT = 'DEFAULT',
  /** Capture with iptables redirection. */
  IPTABLES = 'IPTABLES',
  /** No capture: the application calls the listener's address and port explicitly. */
  NONE = 'NONE',
}

/**
 * Which services a sidecar can reach (an egress listener). Hosts are `namespace/dnsName`, e.g.
 * `./*` (every service of the Sidecar's namespace), `istio-system/*`,
 * `shop/reviews.shop.svc.cluster.local`; a `*` namespace part means any namespace.
 */
export interface SidecarEgressListener {
  /**
   * Hosts reachable, as `namespace/dnsName` (`.` is the Sidecar's namespace, `*` any namespace,
   * `~` none).
   * @default - none besides `services` and `serviceEntries`
   */
  readonly hosts?: string[];

  /**
   * Mesh services reachable (written `<namespace>/<host>`, read at synth).
   * @default - none
   */
  readonly services?: MeshService[];

  /**
   * External services reachable (each host written `<namespace>/<host>`).
   * @default - none
   */
  readonly serviceEntries?: ServiceEntry[];

  /**
   * Port of the listener: the hosts are reachable on this port only, through a listener of its
   * own. A Sidecar has at most one listener without a port (the catch-all, written last).
   * @default - the catch-all listener: ports are taken from the hosts
   */
  readonly port?: number;

  /**
   * Protocol of the port.
   * @default - none: Istio detects the protocol
   */
  readonly protocol?: Protocol;

  /**
   * Name of the port.
   * @default - unnamed
   */
  readonly portName?: string;

  /**
   * IP address (or `unix://` socket, with port 0) the listener binds to.
   * @default - Istio's choice for the captured traffic
   */
  readonly bind?: string;

  /**
   * How traffic reaches the listener.
   * @default CaptureMode.DEFAULT
   */
  readonly captureMode?: CaptureMode;
}

/** How a sidecar receives traffic on a port of its workload (an ingress listener). */
export interface SidecarIngressListener {
  /** Port the sidecar listens on. */
  readonly port: number;

  /**
   * Protocol of the port.
   * @default - none: Istio detects the protocol
   */
  readonly protocol?: Protocol;

  /**
   * Name of the port.
   * @default - unnamed
   */
  readonly portName?: string;

  /**
   * Where the sidecar forwards the traffic: `127.0.0.1:<port>`, `0.0.0.0:<port>`,
   * `[::1]:<port>`, `[::]:<port>` or `unix:///path/to/socket`.
   * @default - the application's port of the same number
   */
  readonly defaultEndpoint?: string;

  /**
   * IP address the listener binds to.
   * @default - the pod's addresses
   */
  readonly bind?: string;

  /**
   * How traffic reaches the listener.
   * @default CaptureMode.DEFAULT
   */
  readonly captureMode?: CaptureMode;

  /**
   * TLS terminated by the sidecar for callers outside the mesh, with certificate files mounted
   * in the proxy (`ServerTls.simpleFromFiles()` or `mutualFromFiles()`; Secrets, Istio's
   * mutual TLS and subject alternative names are not available here).
   * @default - no TLS termination
   */
  readonly tls?: ServerTls;

  /**
   * Limits on connections and requests accepted on this port.
   * @default - the Sidecar's `inboundConnectionPool`
   */
  readonly connectionPool?: ConnectionPoolSettings;
}

/** Properties of a {@link Sidecar}. */
export interface SidecarProps {
  /**
   * The workloads the Sidecar applies to. Without one it applies to every workload of its
   * namespace (or, with `meshWide`, of the mesh) that no Sidecar with a selector picks.
   * @default - every workload of the namespace
   */
  readonly selector?: WorkloadSelector;

  /**
   * Make this the mesh's default Sidecar: it goes to the mesh's root namespace
   * (`Mesh.rootNamespace`) without a selector.
   * @default false
   */
  readonly meshWide?: boolean;

  /**
   * Namespace of the Sidecar.
   * @default - the selected workload's namespace, else the chart's, else `default`
   */
  readonly namespace?: string;

  /**
   * Name of the Sidecar object.
   * @default - the construct id in lower case
   */
  readonly name?: string;

  /**
   * Egress listeners: which services the workloads can reach. More with `addEgressHosts()` and
   * `addEgressListener()`.
   * @default - every service visible to the namespace
   */
  readonly egress?: SidecarEgressListener[];

  /**
   * Ingress listeners: how the workloads receive traffic. More with `addIngressListener()`.
   * @default - Istio's inbound listeners for the workload's ports
   */
  readonly ingress?: SidecarIngressListener[];

  /**
   * What happens to traffic to destinations outside the service registry.
   * @default - the mesh's setting (`ALLOW_ANY` unless changed in the mesh config)
   */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicy;

  /**
   * Limits on connections and requests the workloads accept, on every inbound port.
   * @default - Istio's defaults
   */
  readonly inboundConnectionPool?: ConnectionPoolSettings;
}

interface EgressEntry {
  readonly listener: SidecarEgressListener;
  readonly hosts: string[];
}

const LOOPBACK_HOSTS = ['127.0.0.1', '0.0.0.0', '[::1]', '[::]', ''];

/**
 * An Istio Sidecar: scopes what the sidecars of a namespace (or of selected workloads) know
 * about, which saves memory and push time in large meshes, and sets their outbound traffic
 * policy and inbound listeners.
 *
 * @example
 * // Workloads of 'shop' reach their own namespace, istio-system and one external API only,
 * // and nothing outside the registry.
 * new Sidecar(chart, 'default', {
 *   egress: [{ hosts: ['./*', 'istio-system/*'], serviceEntries: [paymentsApi] }],
 *   outboundTrafficPolicy: OutboundTrafficPolicy.registryOnly(),
 * });
 */
export class Sidecar extends Construct {
  /** Name of the Sidecar object. */
  public readonly name: string;
  /** Namespace of the Sidecar object. */
  public readonly namespace: string;
  /** The workloads it applies to, when it has a selector. */
  public readonly selector?: WorkloadSelector;
  /** The outbound traffic policy, when set. */
  public readonly outboundTrafficPolicy?: OutboundTrafficPolicy;
  /** The mesh it belongs to. */
  public readonly mesh: Mesh;
  /** The emitted Sidecar object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  private readonly portListeners: EgressEntry[] = [];
  private catchAll?: EgressEntry;
  private readonly ingressListeners: SidecarIngressListener[] = [];
  private readonly inboundConnectionPool?: ConnectionPoolSettings;

  constructor(scope: Construct, id: string, props: SidecarProps = {}) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.name = policyName(this, props.name);
    this.namespace = policyNamespace(this, this.mesh, props, { selectorInRoot: false });
    this.selector = props.selector;
    if (props.outboundTrafficPolicy !== undefined && !(props.outboundTrafficPolicy instanceof OutboundTrafficPolicy)) {
      throw new Error(`${this.node.path}: outboundTrafficPolicy must be an OutboundTrafficPolicy, e.g. OutboundTrafficPolicy.registryOnly().`);
    }
    this.outboundTrafficPolicy = props.outboundTrafficPolicy;
    this.inboundConnectionPool = props.inboundConnectionPool;
    renderConnectionPool(RenderContext.of(this.node.path).child('inboundConnectionPool'), this.inboundConnectionPool);

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.mesh.networkingApiVersion,
      kind: 'Sidecar',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    (props.egress ?? []).forEach((l, i) => this.addEgress(l, `egress[${i}]`));
    (props.ingress ?? []).forEach((l, i) => this.addIngress(l, `ingress[${i}]`));
  }

  /**
   * Adds hosts (`namespace/dnsName`) to the catch-all egress listener, e.g.
   * `addEgressHosts('./*', 'istio-system/*')`.
   */
  public addEgressHosts(...hosts: string[]): void {
    this.addEgress({ hosts }, 'addEgressHosts()');
  }

  /**
   * Adds an egress listener. One without a port joins the catch-all listener.
   */
  public addEgressListener(listener: SidecarEgressListener): void {
    this.addEgress(listener, `addEgressListener(${this.portListeners.length + (this.catchAll ? 1 : 0)})`);
  }

  /** Adds an ingress listener. */
  public addIngressListener(listener: SidecarIngressListener): void {
    this.addIngress(listener, `addIngressListener(${this.ingressListeners.length})`);
  }

  private addEgress(listener: SidecarEgressListener, prop: string): void {
    const where = this.node.path;
    const l = listener ?? {};
    const hosts = [...(l.hosts ?? [])];
    hosts.forEach((h, i) => {
      const problem = sidecarHostProblem(h);
      if (problem) RenderContext.of(where).child(`${prop}.hosts[${i}]`).fail(`'${h}' ${problem}.`);
    });
    (l.services ?? []).forEach((s, i) => {
      if (!(s instanceof MeshService)) RenderContext.of(where).child(`${prop}.services[${i}]`).fail('must be a MeshService.');
    });
    (l.serviceEntries ?? []).forEach((s, i) => {
      if (!(s instanceof ServiceEntry)) RenderContext.of(where).child(`${prop}.serviceEntries[${i}]`).fail('must be a ServiceEntry.');
    });
    if (hosts.length + (l.services ?? []).length + (l.serviceEntries ?? []).length === 0) {
      RenderContext.of(where).child(prop).fail('has no host; an egress listener names at least one, e.g. hosts: [\'./*\', \'istio-system/*\'].');
    }
    this.checkPortFields(prop, l.port, l.protocol, l.portName, l.bind, l.captureMode);
    if (l.port === undefined) {
      if (l.bind !== undefined || l.captureMode !== undefined) {
        RenderContext.of(where).child(prop).fail('sets bind or captureMode without a port; they belong to a listener of its own port. Add port, or remove them.');
      }
      const before = this.catchAll;
      this.catchAll = {
        listener: {
          services: [...(before?.listener.services ?? []), ...(l.services ?? [])],
          serviceEntries: [...(before?.listener.serviceEntries ?? []), ...(l.serviceEntries ?? [])],
        },
        hosts: [...(before?.hosts ?? []), ...hosts],
      };
      return;
    }
    if (l.port !== 0 && this.portListeners.some((e) => e.listener.port === l.port)) {
      RenderContext.of(where).child(`${prop}.port`).fail(`${l.port} already has an egress listener; Istio wants one listener per port. Add the hosts to that listener.`);
    }
    if (l.port === 0 && this.portListeners.some((e) => e.listener.port === 0 && e.listener.bind === l.bind)) {
      RenderContext.of(where).child(`${prop}.bind`).fail(`${l.bind} already has an egress listener; each unix socket gets one.`);
    }
    this.portListeners.push({ listener: { ...l }, hosts });
  }

  private addIngress(listener: SidecarIngressListener, prop: string): void {
    const where = this.node.path;
    const l = listener;
    if (l === undefined || l.port === undefined) {
      RenderContext.of(where).child(prop).fail('has no port; an ingress listener needs the port it listens on, e.g. { port: 8080, defaultEndpoint: \'127.0.0.1:8080\' }.');
    }
    this.checkPortFields(prop, l.port, l.protocol, l.portName, l.bind, l.captureMode, true);
    if (this.ingressListeners.some((e) => e.port === l.port)) {
      RenderContext.of(where).child(`${prop}.port`).fail(`${l.port} already has an ingress listener; Istio wants one per port.`);
    }
    if (l.defaultEndpoint !== undefined) this.checkDefaultEndpoint(prop, l.defaultEndpoint);
    if (l.tls !== undefined) {
      if (l.protocol !== Protocol.HTTPS && l.protocol !== Protocol.TLS) {
        RenderContext.of(where).child(prop).fail(`terminates TLS on a port whose protocol is ${l.protocol ?? 'not set'}; Istio wants protocol: Protocol.HTTPS (or TLS) for it.`);
      }
      this.renderIngressTls(prop, l.tls);
    }
    renderConnectionPool(RenderContext.of(where).child(`${prop}.connectionPool`), l.connectionPool);
    this.ingressListeners.push({ ...l });
  }

  private checkPortFields(prop: string, port: number | undefined, protocol: Protocol | undefined, portName: string | undefined,
    bind: string | undefined, captureMode: CaptureMode | undefined, ingress = false): void {
    const where = this.node.path;
    const unix = typeof bind === 'string' && bind.startsWith('unix://');
    if (port !== undefined) {
      const ok = unix && !ingress ? port === 0 : Number.isInteger(port) && port >= 1 && port <= 65535;
      if (!ok) {
        RenderContext.of(where).child(`${prop}.port`).fail(`is ${shownNumber(port)}; ${unix && !ingress ? 'a listener bound to a unix:// socket has port 0' : 'a port is a whole number from 1 to 65535'}.`);
      }
      if (port === 0 && protocol === undefined) {
        RenderContext.of(where).child(prop).fail('is a unix:// socket listener without protocol; give one, e.g. protocol: Protocol.HTTP.');
      }
    }
    if (protocol !== undefined && !Object.values(Protocol).includes(protocol)) {
      RenderContext.of(where).child(`${prop}.protocol`).fail(`is ${JSON.stringify(protocol)}; use Protocol.HTTP, HTTPS, TCP, GRPC, … .`);
    }
    if (protocol !== undefined && port === undefined) {
      RenderContext.of(where).child(prop).fail('sets protocol without port; a protocol belongs to a port. Add port, or remove protocol.');
    }
    if (portName !== undefined && (port === undefined || !isDns1123Label(portName))) {
      RenderContext.of(where).child(`${prop}.portName`).fail(`'${portName}' ${port === undefined ? 'needs a port' : "is not a valid port name; use lower-case letters, digits and '-'"}.`);
    }
    if (bind !== undefined && !unix && !isIpAddress(bind)) {
      RenderContext.of(where).child(`${prop}.bind`).fail(`is ${JSON.stringify(bind)}; write an IP address${ingress ? '' : " or 'unix:///path/to/socket'"}.`);
    }
    if (unix && !ingress) {
      // Istio's webhook takes an absolute socket path, or an abstract socket ('@name').
      const path = bind.slice('unix://'.length);
      if (!(path.startsWith('@') || (path.startsWith('/') && !path.endsWith('/')))) {
        RenderContext.of(where).child(`${prop}.bind`).fail(`is ${JSON.stringify(bind)}, which is not an absolute socket path; Istio rejects it. Write e.g. 'unix:///var/run/app.sock' or 'unix://@app'.`);
      }
    }
    if (unix && ingress) {
      RenderContext.of(where).child(`${prop}.bind`).fail(`is ${JSON.stringify(bind)}, a unix:// socket; Istio binds an ingress listener to an IP address only. Write e.g. '0.0.0.0', or leave bind out.`);
    }
    if (captureMode !== undefined && !Object.values(CaptureMode).includes(captureMode)) {
      RenderContext.of(where).child(`${prop}.captureMode`).fail(`is ${JSON.stringify(captureMode)}; use CaptureMode.DEFAULT, IPTABLES or NONE.`);
    }
    if (unix && captureMode === CaptureMode.IPTABLES) {
      RenderContext.of(where).child(`${prop}.captureMode`).fail('is IPTABLES on a unix:// socket; a socket listener takes DEFAULT or NONE.');
    }
  }

  private checkDefaultEndpoint(prop: string, endpoint: string): void {
    const where = this.node.path;
    const fix = "use '127.0.0.1:<port>', '0.0.0.0:<port>', '[::1]:<port>', '[::]:<port>' or 'unix:///path/to/socket'";
    if (typeof endpoint !== 'string') RenderContext.of(where).child(`${prop}.defaultEndpoint`).fail(`is ${JSON.stringify(endpoint)}; ${fix}.`);
    if (endpoint.startsWith('unix://')) {
      const path = endpoint.slice('unix://'.length);
      if (!(path.startsWith('/') || path.startsWith('@')) || path.endsWith('/')) {
        RenderContext.of(where).child(`${prop}.defaultEndpoint`).fail(`'${endpoint}' is not an absolute socket path; ${fix}.`);
      }
      return;
    }
    const colon = endpoint.lastIndexOf(':');
    const host = colon < 0 ? undefined : endpoint.slice(0, colon);
    const port = colon < 0 ? NaN : Number(endpoint.slice(colon + 1));
    if (host === undefined || !LOOPBACK_HOSTS.includes(host) || !/^[0-9]+$/.test(endpoint.slice(colon + 1)) || port < 1 || port > 65535) {
      RenderContext.of(where).child(`${prop}.defaultEndpoint`).fail(`'${endpoint}' is not a local endpoint Istio accepts; ${fix}.`);
    }
  }

  private renderIngressTls(prop: string, tls: ServerTls): Record<string, any> {
    const where = this.node.path;
    if (!(tls instanceof ServerTls)) RenderContext.of(where).child(`${prop}.tls`).fail('must be a ServerTls, e.g. ServerTls.simpleFromFiles({ ... }).');
    if (tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'AUTO_PASSTHROUGH') {
      RenderContext.of(where).child(`${prop}.tls`).fail(`mode ${tls.mode} is not available on a sidecar ingress listener; use ServerTls.simpleFromFiles() or mutualFromFiles().`);
    }
    const out = tls._render(RenderContext.of(where).child(`${prop}.tls`));
    if (out.credentialName !== undefined || out.credentialNames !== undefined) {
      RenderContext.of(where).child(`${prop}.tls`).fail('reads a Secret (credentialName), which sidecars do not support; mount the certificates and use ServerTls.simpleFromFiles().');
    }
    if (out.subjectAltNames !== undefined) {
      RenderContext.of(where).child(`${prop}.tls`).fail('sets subjectAltNames, which a sidecar ingress listener does not support; remove them.');
    }
    return out;
  }

  private renderEgress(entry: EgressEntry): Record<string, any> {
    const l = entry.listener;
    // Hosts of services and ServiceEntries that a written `<namespace>/*` already covers are left
    // out (Istio warns about such repeats); what was written by hand is kept as it is.
    const wholeNamespaces = new Set(entry.hosts.filter((h) => h.endsWith('/*')).map((h) => this.resolveNamespace(h.slice(0, -2))));
    const covered = (h: string) => wholeNamespaces.has('*') || wholeNamespaces.has(h.slice(0, h.indexOf('/')));
    const derived = [
      ...(l.services ?? []).map((s) => `${s.namespace}/${s.host}`),
      ...(l.serviceEntries ?? []).flatMap((s) => s.sidecarHosts),
    ].filter((h) => !covered(h));
    const hosts = unique([...entry.hosts, ...derived]);
    const out: Record<string, any> = {};
    if (l.port !== undefined) out.port = compactPort(l.port, l.protocol, l.portName);
    if (l.bind !== undefined) out.bind = l.bind;
    if (l.captureMode !== undefined) out.captureMode = l.captureMode;
    out.hosts = hosts;
    return out;
  }

  private resolveNamespace(ns: string): string {
    return ns === '.' ? this.namespace : ns;
  }

  private renderSpec(): any {
    const where = this.node.path;
    const spec: Record<string, any> = {};
    if (this.selector) spec.workloadSelector = { labels: this.selector._render(RenderContext.of(where).child('selector')).matchLabels };
    if (this.ingressListeners.length > 0) {
      spec.ingress = this.ingressListeners.map((l, i) => {
        const out: Record<string, any> = { port: compactPort(l.port, l.protocol, l.portName) };
        if (l.bind !== undefined) out.bind = l.bind;
        if (l.captureMode !== undefined) out.captureMode = l.captureMode;
        if (l.defaultEndpoint !== undefined) out.defaultEndpoint = l.defaultEndpoint;
        if (l.tls !== undefined) out.tls = this.renderIngressTls(`ingress[${i}]`, l.tls);
        const pool = renderConnectionPool(RenderContext.of(where).child(`ingress[${i}].connectionPool`), l.connectionPool);
        if (pool !== undefined) out.connectionPool = pool;
        return out;
      });
    }
    const egress = [...this.portListeners, ...(this.catchAll ? [this.catchAll] : [])];
    if (egress.length > 0) spec.egress = egress.map((e) => this.renderEgress(e));
    if (this.outboundTrafficPolicy) spec.outboundTrafficPolicy = this.outboundTrafficPolicy._render(RenderContext.of(where).child('outboundTrafficPolicy'));
    const pool = renderConnectionPool(RenderContext.of(where).child('inboundConnectionPool'), this.inboundConnectionPool);
    if (pool !== undefined) spec.inboundConnectionPool = pool;
    if (Object.keys(spec).filter((k) => k !== 'workloadSelector').length === 0) {
      throw new Error(
        `${where}: the Sidecar configures nothing; Istio rejects an empty Sidecar. Add egress hosts (e.g. sidecar.addEgressHosts('./*', 'istio-system/*')), ` +
        'an ingress listener, an outboundTrafficPolicy or an inboundConnectionPool.',
      );
    }
    return spec;
  }
}

function compactPort(number: number, protocol: Protocol | undefined, name: string | undefined): Record<string, any> {
  return { number, ...(protocol !== undefined ? { protocol } : {}), ...(name !== undefined ? { name } : {}) };
}
