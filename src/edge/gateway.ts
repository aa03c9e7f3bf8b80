import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { GatewaySelector } from './gateway-selector';
import { GatewayServer } from './gateway-server';
import { splitNamespacedHost, unique } from './hosts';
import { ImportedGateway } from './imported-gateway';
import { isDns1123Label, toDns1123Label } from '../analysis/validators/names';
import { planListeners } from '../gateway-api/gateway-listeners';
import { Mesh } from '../mesh/mesh';
import { RoutingApi } from '../mesh/routing-api';
import { GATEWAY_API_VERSION } from '../private/enrollment-labels';
import { RenderContext } from '../private/render-context';

/**
 * An Istio Gateway that VirtualServices can bind to: one defined in this app ({@link Gateway}),
 * or one defined elsewhere ({@link Gateway.fromName}).
 */
export interface IGateway extends IConstruct {
  /** Name of the Gateway object. */
  readonly name: string;
  /** Namespace of the Gateway object. */
  readonly namespace: string;
  /** How a VirtualService names it: `<namespace>/<name>`. */
  readonly reference: string;
  /** True when the Gateway object is not emitted by this app (see `Gateway.fromName`). */
  readonly definedElsewhere: boolean;
}

/** Properties of a {@link Gateway}. */
export interface GatewayProps {
  /**
   * The gateway proxies this configuration applies to.
   * @default GatewaySelector.ingressGateway() - Istio's ingress gateway (`istio: ingressgateway`)
   */
  readonly selector?: GatewaySelector;

  /**
   * Servers (ports and the hosts served on them). More can be added with `addServer()`.
   * @default - none yet; a Gateway needs at least one when it is synthesized
   */
  readonly servers?: GatewayServer[];

  /**
   * Name of the Gateway object (a DNS label: no dots).
   * @default - the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the Gateway object.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * The API the Gateway is written in: Istio's `networking.istio.io` Gateway (bound to gateway
   * proxies by `selector`), or a Kubernetes Gateway API `gateway.networking.k8s.io/v1` Gateway of
   * class `istio` (Istio deploys its proxy; one listener per server host). Gateway API routes
   * attach only to the latter.
   * @default - the mesh's `routingApi`
   */
  readonly routingApi?: RoutingApi;
}

/**
 * An Istio Gateway: the ports, protocols, hosts and TLS settings a gateway proxy (ingress or
 * egress) exposes. Routes come from VirtualServices bound to it, e.g. with
 * `meshService.exposeThroughGateway(gateway, { hosts })`.
 *
 * @example
 * const gateway = new Gateway(chart, 'bookinfo-gateway', {
 *   servers: [
 *     GatewayServer.http({ hosts: ['bookinfo.example.com'], httpsRedirect: true }),
 *     GatewayServer.https({ hosts: ['bookinfo.example.com'], tls: ServerTls.simple('bookinfo-credential') }),
 *   ],
 * });
 * productpage.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'] });
 */
export class Gateway extends Construct implements IGateway {
  /**
   * A Gateway defined outside this app (e.g. a shared gateway in `istio-system`), to bind
   * VirtualServices to. Nothing is emitted for it.
   *
   * A VirtualService bound to it is annotated `cdk8s-istio.io/ignore-rules:
   * virtualservice-gateway-not-found,virtualservice-host-not-in-gateway`, since the analysis cannot
   * see that Gateway; the other
   * gateways such a VirtualService names are constructs of this app, whose objects are always
   * emitted.
   *
   * @param reference `<namespace>/<name>`, or `<name>` for a Gateway in the chart's namespace
   */
  public static fromName(scope: Construct, id: string, reference: string): IGateway {
    if (typeof reference !== 'string' || reference.trim() === '') {
      throw new Error(`${scope.node.path}/${id}: Gateway.fromName() needs a reference such as 'istio-system/shared-gateway'.`);
    }
    const slash = reference.indexOf('/');
    const namespace = slash < 0 ? Chart.of(scope).namespace ?? 'default' : reference.slice(0, slash);
    const name = slash < 0 ? reference : reference.slice(slash + 1);
    if (!isDns1123Label(namespace) || !isDns1123Label(name)) {
      throw new Error(
        `${scope.node.path}/${id}: Gateway.fromName('${reference}') is not '<namespace>/<name>' with Kubernetes names ` +
        "(lower-case letters, digits and '-'; a Gateway name has no dots), e.g. 'istio-system/shared-gateway'.",
      );
    }
    return new ImportedGateway(scope, id, name, namespace);
  }

  /** Name of the Gateway object. */
  public readonly name: string;
  /** Namespace of the Gateway object. */
  public readonly namespace: string;
  /** How a VirtualService names it: `<namespace>/<name>`. */
  public readonly reference: string;
  /** Always false: this Gateway is emitted by the app. */
  public readonly definedElsewhere = false;
  /** The gateway proxies it applies to. */
  public readonly selector: GatewaySelector;
  /** The mesh the Gateway belongs to. */
  public readonly mesh: Mesh;
  /** The emitted Gateway object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;
  /** The API the Gateway is written in. */
  public readonly routingApi: RoutingApi;

  private readonly _servers: GatewayServer[] = [];

  constructor(scope: Construct, id: string, props: GatewayProps = {}) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.name = props.name ?? toDns1123Label(id);
    if (!isDns1123Label(this.name)) {
      throw new Error(`${this.node.path}: name '${this.name}' is not a valid Gateway name; Istio wants a DNS label (lower-case letters, digits and '-', no dots), e.g. '${toDns1123Label(this.name)}'.`);
    }
    if (props.namespace !== undefined && !isDns1123Label(props.namespace)) {
      throw new Error(`${this.node.path}: namespace '${props.namespace}' is not a valid Kubernetes namespace name; use lower-case letters, digits and '-'.`);
    }
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
    this.reference = `${this.namespace}/${this.name}`;
    if (props.selector !== undefined && !(props.selector instanceof GatewaySelector)) {
      throw new Error(`${this.node.path}: selector must be a GatewaySelector, e.g. GatewaySelector.ingressGateway().`);
    }
    this.selector = props.selector ?? GatewaySelector.ingressGateway();
    this.routingApi = props.routingApi ?? this.mesh.routingApi;
    if (this.routingApi.isGatewayApi && props.selector !== undefined) {
      throw new Error(
        `${this.node.path}: selector is set, but with routingApi ${this.routingApi} Istio deploys the Gateway's own proxy (class istio); ` +
        'a Gateway API Gateway selects no existing proxy. Remove selector, or use routingApi: RoutingApi.ISTIO for this Gateway.',
      );
    }

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.routingApi.isGatewayApi ? GATEWAY_API_VERSION : this.mesh.networkingApiVersion,
      kind: 'Gateway',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => (this.routingApi.isGatewayApi ? this.renderGatewayApiSpec() : this.renderSpec()) }),
    });
    (props.servers ?? []).forEach((s, i) => this.add(s, `servers[${i}]`));
  }

  /** Adds a server (a port and the hosts served on it). */
  public addServer(server: GatewayServer): void {
    this.add(server, `addServer(${this._servers.length})`);
  }

  /** The servers, in the order added. */
  public get servers(): GatewayServer[] {
    return [...this._servers];
  }

  /**
   * The host names this Gateway serves to VirtualServices of `namespace`: the `dnsName` of every
   * server host whose namespace part is absent, `*`, `namespace`, or `.` when `namespace` is
   * the Gateway's own. This is how Istio decides which VirtualService hosts a gateway takes.
   */
  public hostsFor(namespace: string): string[] {
    const out: string[] = [];
    for (const server of this._servers) {
      for (const h of server.hosts) {
        const { namespace: ns, dnsName } = splitNamespacedHost(h);
        if (ns === undefined || ns === '*' || ns === namespace || (ns === '.' && namespace === this.namespace)) out.push(dnsName);
      }
    }
    return unique(out);
  }

  private add(server: GatewayServer, prop: string): void {
    if (!(server instanceof GatewayServer)) {
      throw new Error(`${this.node.path}: ${prop} must be a GatewayServer, e.g. GatewayServer.http({ hosts: ['bookinfo.example.com'] }).`);
    }
    server._check(RenderContext.of(this.node.path).child(prop));
    if (this.routingApi.isGatewayApi) {
      planListeners(RenderContext.of(this.node.path), this.namespace, [server]);
      if (server.httpsRedirect) this.addHttpsRedirect(server);
    }
    if (server.portName !== undefined) {
      const clash = this._servers.find((s) => s.portName === server.portName);
      if (clash) {
        throw new Error(`${this.node.path}: ${prop}.portName '${server.portName}' is already used by another server; Istio wants unique port names across a Gateway's servers. Pick another name or leave portName out.`);
      }
    }
    if (server.name !== undefined && this._servers.some((s) => s.name === server.name)) {
      throw new Error(`${this.node.path}: ${prop}.name '${server.name}' is already used by another server; server names must be unique within a Gateway.`);
    }
    this._servers.push(server);
  }

  /** `gateway.networking.k8s.io/v1` Gateway spec: class `istio`, a listener per server host. */
  private renderGatewayApiSpec(): any {
    if (this._servers.length === 0) {
      throw new Error(`${this.node.path}: the Gateway has no server, so no listener; the Gateway API requires one. Add one, e.g. gateway.addServer(GatewayServer.http({ hosts: ['bookinfo.example.com'] })).`);
    }
    const listeners = planListeners(RenderContext.of(this.node.path), this.namespace, this._servers).map((l) => l.listener);
    return { gatewayClassName: 'istio', listeners };
  }

  /**
   * Names of the Gateway API listeners that HTTP routes attach to: every HTTP and HTTPS
   * listener except those of servers that redirect to HTTPS (their redirect route must take every
   * request, and a route with hostnames would win over it).
   * @internal
   */
  public _routeListeners(): Array<{ name: string; hostname?: string }> {
    return planListeners(RenderContext.of(this.node.path), this.namespace, this._servers)
      .filter((l) => !l.server.httpsRedirect && ['HTTP', 'HTTPS'].includes(l.listener.protocol))
      .map((l) => ({ name: l.listener.name, hostname: l.listener.hostname }));
  }

  /**
   * An HTTP server's `httpsRedirect` under the Gateway API: an HTTPRoute on that server's
   * listeners answering every request with a 301 to https.
   */
  private addHttpsRedirect(server: GatewayServer): void {
    const index = this._servers.length;
    new ApiObject(this, `HttpsRedirect${index}`, {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      metadata: { name: `${this.name}-https-redirect-${index}`, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => {
          const planned = planListeners(RenderContext.of(this.node.path), this.namespace, this._servers).filter((l) => l.server === server);
          return {
            parentRefs: planned.map((l) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: this.name, sectionName: l.listener.name })),
            rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
          };
        },
      }),
    });
  }

  private renderSpec(): any {
    if (this._servers.length === 0) {
      throw new Error(`${this.node.path}: the Gateway has no server; Istio rejects it. Add one, e.g. gateway.addServer(GatewayServer.http({ hosts: ['bookinfo.example.com'] })).`);
    }
    const ctx = RenderContext.of(this.node.path);
    const taken = new Set(this._servers.map((s) => s.portName).filter((n): n is string => n !== undefined));
    const servers = this._servers.map((s, i) => {
      let portName = s.portName;
      if (portName === undefined) {
        const base = `${s.protocol.toLowerCase()}-${s.port}`;
        portName = base;
        for (let n = 2; taken.has(portName); n++) portName = `${base}-${n}`;
        taken.add(portName);
      }
      const server = s._render(ctx.child(`servers[${i}]`));
      server.port.name = portName;
      return server;
    });
    return { selector: this.selector._render(ctx.child('selector')), servers };
  }
}
