import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { Gateway, IGateway } from './gateway';
import { GatewaySelector } from './gateway-selector';
import { GatewayServer } from './gateway-server';
import { isWildcardName } from './hosts';
import { ServerTls } from './server-tls';
import type { ServiceEntry, ServiceEntryPort } from './service-entry';
import { isDns1123Label, toDns1123Label } from '../analysis/validators/names';
import { wildcardDomainProblem } from '../analysis/validators/webhook-values';
import { Mesh } from '../mesh/mesh';
import { Protocol } from '../mesh/protocol';
import { RoutingApi } from '../mesh/routing-api';
import { shownNumber, shownValue } from '../private/checks';
import { ignoreGatewayNotFound, MESH } from '../private/gateway-exposures';

/** Options of `ServiceEntry.routeThroughEgressGateway()`. */
export interface EgressRouteOptions {
  /**
   * Ports of the ServiceEntry whose traffic goes through the egress gateway. The egress
   * gateway's Service must expose the same port numbers (Istio's default one exposes 80 and
   * 443). Only HTTP (HTTP, HTTP2, GRPC) and TLS (HTTPS, TLS) ports can be routed by host.
   * @default - every HTTP and TLS port of the ServiceEntry
   */
  readonly ports?: number[];

  /**
   * The egress Gateway to use. A Gateway of this app gets the servers the route needs; a
   * Gateway defined elsewhere must already serve the hosts on those ports.
   * @default - a new Gateway selecting Istio's egress gateway (`istio: egressgateway`)
   */
  readonly gateway?: IGateway;

  /**
   * Host of the egress gateway's Kubernetes Service, where sidecars send the traffic.
   * @default - `istio-egressgateway.<Mesh.rootNamespace>.svc.<Mesh.clusterDomain>`
   */
  readonly gatewayService?: string;

  /**
   * Name of the DestinationRule subset of the egress gateway used for this traffic.
   * @default - the ServiceEntry's name
   */
  readonly subsetName?: string;

  /**
   * Base name of the objects created (Gateway, DestinationRule, VirtualService).
   * @default - `<serviceEntry name>-egress`
   */
  readonly name?: string;
}

/** Properties of an {@link EgressRoute}. */
export interface EgressRouteProps extends EgressRouteOptions {
  /** The external service whose traffic leaves the mesh through the egress gateway. */
  readonly serviceEntry: ServiceEntry;
}

const HTTP_FAMILY: string[] = [Protocol.HTTP, Protocol.HTTP2, Protocol.GRPC];
const TLS_FAMILY: string[] = [Protocol.HTTPS, Protocol.TLS];

/**
 * Traffic to a ServiceEntry's hosts leaves the mesh through an egress gateway, configured as in
 * Istio's "Egress Gateways" task:
 *
 * - a Gateway (selector `istio: egressgateway`) serving the hosts on each routed port: plain
 *   HTTP ports as they are, HTTPS/TLS ports as TLS passthrough (the application's TLS goes
 *   through untouched, routed by SNI);
 * - a DestinationRule for the egress gateway's Service with a subset for this traffic, in that
 *   Service's namespace, so every client namespace finds it;
 * - a VirtualService per host, bound to the gateway and to `mesh`, with two routes per port:
 *   from sidecars (`gateways: [mesh]`) to the egress gateway, and from the egress gateway to the
 *   external host.
 *
 * The ServiceEntry must resolve its hosts through DNS (or STATIC endpoints): with resolution
 * NONE the gateway would send the traffic back to itself.
 */
export class EgressRoute extends Construct {
  /** The external service. */
  public readonly serviceEntry: ServiceEntry;
  /** The egress gateway the traffic goes through. */
  public readonly gateway: IGateway;
  /** Host of the egress gateway's Service. */
  public readonly gatewayService: string;
  /** Name of the egress gateway subset for this traffic. */
  public readonly subsetName: string;
  /** The ServiceEntry port numbers routed through the gateway. */
  public readonly ports: number[];
  /** The DestinationRule of the egress gateway's Service (escape hatch for `addJsonPatch`). */
  public readonly destinationRule: ApiObject;
  /** The VirtualServices, one per host of the ServiceEntry (escape hatch for `addJsonPatch`). */
  public readonly virtualServices: ApiObject[];

  constructor(scope: Construct, id: string, props: EgressRouteProps) {
    super(scope, id);
    const where = this.node.path;
    const mesh = Mesh.of(this);
    const entry = props.serviceEntry;
    if (entry === undefined || entry === null || typeof (entry as ServiceEntry).routeThroughEgressGateway !== 'function') {
      throw new Error(`${where}: serviceEntry is ${shownValue(entry)}, not a ServiceEntry; pass e.g. new ServiceEntry(chart, 'cnn', { hosts: ['edition.cnn.com'], ports: [...] }).`);
    }
    this.serviceEntry = entry;
    const wildcard = entry.hosts.find(isWildcardName);
    if (wildcard) {
      throw new Error(
        `${where}: the ServiceEntry host '${wildcard}' is a wildcard; an egress gateway can only forward to hosts it can resolve. ` +
        "Route named hosts, or follow Istio's wildcard egress task (an SNI proxy) for whole domains.",
      );
    }

    const base = props.name ?? toDns1123Label(`${entry.name}-egress`);
    if (!isDns1123Label(base)) {
      throw new Error(`${where}: name '${base}' is not a valid name for the Gateway and routes; use lower-case letters, digits and '-' (no dots), e.g. '${toDns1123Label(base)}'.`);
    }
    this.subsetName = props.subsetName ?? toDns1123Label(entry.name);
    if (!isDns1123Label(this.subsetName)) {
      throw new Error(`${where}: subsetName '${this.subsetName}' is not a valid subset name; use lower-case letters, digits and '-', e.g. '${toDns1123Label(this.subsetName)}'.`);
    }
    this.gatewayService = props.gatewayService ?? `istio-egressgateway.${mesh.rootNamespace}.svc.${mesh.clusterDomain}`;
    // It is the destination host of the sidecars' routes and the DestinationRule's host: Istio's
    // webhook takes a domain name there (a leading '*.' allowed), not '*' alone.
    const serviceProblem = typeof this.gatewayService !== 'string' ? 'is not a string'
      : this.gatewayService === '*' ? 'matches every host' : wildcardDomainProblem(this.gatewayService);
    if (serviceProblem) {
      throw new Error(
        `${where}: gatewayService is ${JSON.stringify(this.gatewayService)}, which Istio rejects as a destination host (${serviceProblem}); ` +
        "write the host of the egress gateway's Service, e.g. 'istio-egressgateway.istio-system.svc.cluster.local'.",
      );
    }

    const routed = this.pickPorts(where, entry.ports, props.ports);
    this.ports = routed.map((p) => p.number);
    this.checkResolution();

    // Routing through Istio's egress gateway is Istio's API (VirtualServices bound to an Istio
    // Gateway selecting the egress proxies), whatever routing API the mesh uses for services.
    const gateway = props.gateway ?? new Gateway(this, 'Gateway', {
      name: base,
      namespace: entry.namespace,
      selector: GatewaySelector.egressGateway(),
      routingApi: RoutingApi.ISTIO,
    });
    if (typeof gateway?.reference !== 'string') {
      throw new Error(`${where}: gateway is ${shownValue(gateway)}, not a Gateway; pass new Gateway(...) or Gateway.fromName(scope, id, 'istio-system/egress-gateway').`);
    }
    if (gateway instanceof Gateway && gateway.routingApi.isGatewayApi) {
      throw new Error(
        `${where}: gateway ${gateway.node.path} is a Gateway API Gateway; an egress route binds VirtualServices to an Istio Gateway. ` +
        'Create it with routingApi: RoutingApi.ISTIO and selector: GatewaySelector.egressGateway(), or leave gateway out.',
      );
    }
    this.gateway = gateway;
    if (gateway instanceof Gateway) {
      for (const p of routed) {
        gateway.addServer(TLS_FAMILY.includes(p.protocol)
          ? GatewayServer.tls({ port: p.number, hosts: entry.hosts, tls: ServerTls.passthrough() })
          : new GatewayServer({ port: p.number, protocol: p.protocol, hosts: entry.hosts }));
      }
    }

    // The subset has to be visible to every client the VirtualServices send to it: Istio looks
    // for DestinationRules in the client's namespace, then in the host's, then in the root one.
    const serviceNamespace = this.gatewayService.split('.')[1];
    this.destinationRule = new ApiObject(this, 'DestinationRule', {
      apiVersion: mesh.networkingApiVersion,
      kind: 'DestinationRule',
      metadata: { name: base, namespace: serviceNamespace && isDns1123Label(serviceNamespace) ? serviceNamespace : entry.namespace },
      spec: { host: this.gatewayService, subsets: [{ name: this.subsetName }] },
    });

    this.virtualServices = entry.hosts.map((host, i) => {
      const vs = new ApiObject(this, entry.hosts.length === 1 ? 'VirtualService' : `VirtualService${i + 1}`, {
        apiVersion: mesh.networkingApiVersion,
        kind: 'VirtualService',
        metadata: { name: entry.hosts.length === 1 ? base : `${base}-${i + 1}`, namespace: entry.namespace },
        spec: Lazy.any({ produce: () => this.renderVirtualService(host, routed) }),
      });
      vs.addDependency(this.destinationRule);
      vs.addDependency(entry.apiObject);
      if (gateway.definedElsewhere) ignoreGatewayNotFound(vs);
      return vs;
    });
  }

  private pickPorts(where: string, ports: ServiceEntryPort[], wanted: number[] | undefined): ServiceEntryPort[] {
    const routable = (p: ServiceEntryPort) => HTTP_FAMILY.includes(p.protocol) || TLS_FAMILY.includes(p.protocol);
    if (wanted === undefined) {
      const picked = ports.filter(routable);
      if (picked.length === 0) {
        throw new Error(`${where}: the ServiceEntry has no HTTP or TLS port (${ports.map((p) => `${p.number}/${p.protocol}`).join(', ')}); an egress gateway routes those by host. Add one, e.g. { number: 443, protocol: Protocol.TLS }.`);
      }
      return picked;
    }
    if (!Array.isArray(wanted)) {
      throw new Error(`${where}: ports is ${shownValue(wanted)}; write a list of ServiceEntry port numbers, e.g. ports: [443].`);
    }
    if (wanted.length === 0) {
      throw new Error(`${where}: ports is empty; list the ServiceEntry ports to route, or leave ports out to route every HTTP and TLS port.`);
    }
    wanted.forEach((n, i) => {
      if (wanted.indexOf(n) !== i) throw new Error(`${where}: ports lists ${n} twice (ports[${wanted.indexOf(n)}] and ports[${i}]); keep each port once.`);
    });
    return wanted.map((n, i) => {
      const port = ports.find((p) => p.number === n);
      if (!port) {
        throw new Error(`${where}: ports[${i}] is ${shownNumber(n)}, which is not a port of the ServiceEntry; use one of its ports: ${ports.map((p) => p.number).join(', ')}.`);
      }
      if (!routable(port)) {
        throw new Error(`${where}: ports[${i}] is ${n}, a ${port.protocol} port; an egress gateway can only route HTTP and TLS ports by host. Give it an address of its own instead.`);
      }
      return port;
    });
  }

  private checkResolution(): void {
    if ((this.serviceEntry.resolution as string) === 'NONE') {
      throw new Error(
        `${this.node.path}: the ServiceEntry ${this.serviceEntry.name} has resolution NONE; through an egress gateway that sends the traffic back ` +
        'to the gateway itself. Give the ServiceEntry resolution: ServiceEntryResolution.DNS (or STATIC endpoints).',
      );
    }
  }

  private renderVirtualService(host: string, ports: ServiceEntryPort[]): any {
    this.checkResolution(); // endpoints added later change the default resolution
    const gw = this.gateway.reference;
    const toGateway = (port: number) => [{ destination: { host: this.gatewayService, subset: this.subsetName, port: { number: port } } }];
    const toHost = (port: number) => [{ destination: { host, port: { number: port } } }];
    const http = ports.filter((p) => HTTP_FAMILY.includes(p.protocol)).flatMap((p) => [
      { name: `mesh-to-egress-gateway-${p.number}`, match: [{ gateways: [MESH], port: p.number }], route: toGateway(p.number) },
      { name: `egress-gateway-to-external-${p.number}`, match: [{ gateways: [gw], port: p.number }], route: toHost(p.number) },
    ]);
    const tls = ports.filter((p) => TLS_FAMILY.includes(p.protocol)).flatMap((p) => [
      { match: [{ gateways: [MESH], port: p.number, sniHosts: [host] }], route: toGateway(p.number) },
      { match: [{ gateways: [gw], port: p.number, sniHosts: [host] }], route: toHost(p.number) },
    ]);
    return {
      hosts: [host],
      gateways: [gw, MESH],
      ...(http.length > 0 ? { http } : {}),
      ...(tls.length > 0 ? { tls } : {}),
    };
  }
}
