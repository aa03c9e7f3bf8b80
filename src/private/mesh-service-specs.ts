/**
 * The specs of the three objects a `MeshService` writes (Service, DestinationRule,
 * VirtualService), as functions of what the mesh service holds. Internal.
 */
import { shownNumber } from './checks';
import { GatewayExposures } from './gateway-exposures';
import type { ContainerPortInfo } from './pod-templates';
import { RenderContext } from './render-context';
import { isDns1123Label, toDns1123Label } from '../analysis/validators/names';
import { declaredProtocolOfName, wellKnownPortProtocol } from '../analysis/validators/protocols';
import { MeshServicePort } from '../mesh/protocol';
import type { ServiceVersion } from '../mesh/service-version';
import { HttpRoute } from '../traffic/http-route';
import type { TrafficPolicy } from '../traffic/traffic-policy';

/** Checks a port of a Service the mesh service creates (`ctx` is the prop, e.g. `ports[0]`). */
export function checkServicePort(ctx: RenderContext, p: MeshServicePort): void {
  for (const [field, value] of [['port', p.port], ['targetPort', p.targetPort]] as Array<[string, number | undefined]>) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 65535)) {
      ctx.child(field).fail(`is ${shownNumber(value)}`, 'a port is a whole number from 1 to 65535.');
    }
  }
  if (p.name !== undefined && !isDns1123Label(p.name)) {
    ctx.child('name').fail(`'${p.name}' is not a valid port name`, `use e.g. '${toDns1123Label(p.name)}'.`);
  }
}

/**
 * A port of the Service a mesh service creates, its protocol decided: `prefix` is the protocol
 * written as the port name prefix and `appProtocol` (lower case), or undefined when it is not
 * known, and the port then gets a name Istio reads no protocol from, so Istio sniffs it.
 */
export interface PlannedServicePort {
  readonly port: number;
  readonly targetPort: number;
  readonly prefix?: string;
  readonly name?: string;
  readonly transport: 'TCP' | 'UDP' | 'SCTP';
}

/**
 * A port given in `port`/`ports`: the protocol the user chose, else the protocol of a
 * well-known port (5432 is PostgreSQL: TCP), else HTTP, as documented.
 */
export function planExplicitPort(p: MeshServicePort): PlannedServicePort {
  const wellKnown = wellKnownPortProtocol(p.port);
  const prefix = p.protocol !== undefined ? p.protocol.toLowerCase() : wellKnown ? wellKnown.protocol.toLowerCase() : 'http';
  return { port: p.port, targetPort: p.targetPort ?? p.port, prefix, name: p.name, transport: 'TCP' };
}

/**
 * A container port the Service exposes because it was given no ports. Its protocol is what the
 * container port's name declares (`grpc-api`), else that of a well-known port number; else it
 * is not known and is not declared: declaring HTTP for a database makes Istio break its traffic,
 * while an undeclared port is sniffed (and the analysis says so).
 */
export function planInferredPort(p: ContainerPortInfo): PlannedServicePort {
  const name = p.name !== undefined && isDns1123Label(p.name) ? p.name : undefined;
  if (p.transport !== 'TCP') return { port: p.number, targetPort: p.number, name, transport: p.transport };
  const declared = name !== undefined ? declaredProtocolOfName(name) : undefined;
  if (declared && declared.protocol !== 'UDP') return { port: p.number, targetPort: p.number, prefix: declared.prefix, name, transport: 'TCP' };
  const wellKnown = wellKnownPortProtocol(p.number);
  return { port: p.number, targetPort: p.number, prefix: wellKnown?.protocol.toLowerCase(), name, transport: 'TCP' };
}

/**
 * The spec of the Service: selects the pods by their `app` label; each port with a known
 * protocol is named after it (`http`, or `http-9080` when two ports share one) and gets it as
 * `appProtocol`, which is how Istio learns it; a port of unknown protocol is named `port-<n>`.
 */
export function renderServiceSpec(ctx: RenderContext, appLabel: string, ports: PlannedServicePort[]): any {
  if (ports.length === 0) {
    ctx.fail("the Service has no port; set port (e.g. port: 8080) or give a version's container a portNumber.");
  }
  checkDistinct(ctx, ports.map((p) => p.port), 'port', () => 'use another port number, or remove one of the two ports');
  const key = (p: PlannedServicePort) => (p.transport !== 'TCP' ? p.transport.toLowerCase() : p.prefix);
  const counts = new Map<string | undefined, number>();
  for (const p of ports) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  const names = ports.map((p) => {
    const k = key(p);
    return p.name ?? (k === undefined ? `port-${p.port}` : (counts.get(k) ?? 0) > 1 ? `${k}-${p.port}` : k);
  });
  checkDistinct(ctx, names, 'name', (v) => `give one of them another name, e.g. '${v}-2'`);
  return {
    selector: { app: appLabel },
    ports: ports.map((p, i) => {
      return {
        name: names[i],
        port: p.port,
        targetPort: p.targetPort,
        protocol: p.transport,
        ...(p.transport === 'TCP' && p.prefix !== undefined ? { appProtocol: p.prefix } : {}),
      };
    }),
  };
}

/**
 * Kubernetes rejects a Service with two ports of one number or one name (`spec.ports[i].port`,
 * `spec.ports[i].name`): throws at the second, naming both.
 */
export function checkDistinct(ctx: RenderContext, values: ReadonlyArray<string | number>, field: string, fix: (v: string | number) => string): void {
  const seen = new Map<string | number, number>();
  values.forEach((v, i) => {
    const earlier = seen.get(v);
    if (earlier !== undefined) {
      ctx.child(`ports[${i}]`).child(field).fail(`is ${JSON.stringify(v)}, as is ports[${earlier}].${field}; Kubernetes refuses a Service with two ports of one ${field}`, `${fix(v)}.`);
    }
    seen.set(v, i);
  });
}

/** The spec of the DestinationRule: the service-wide traffic policy and one subset per version. */
export function renderDestinationRuleSpec(
  ctx: RenderContext, host: string, trafficPolicy: TrafficPolicy | undefined, versions: ServiceVersion[],
): any {
  const spec: Record<string, any> = { host };
  if (trafficPolicy) spec.trafficPolicy = trafficPolicy._render(ctx.child('trafficPolicy'));
  if (versions.length > 0) spec.subsets = versions.map((v) => v._toSubset());
  return spec;
}

/**
 * The spec of the VirtualService: the routes in order, for the service's host and, when it is
 * exposed through gateways, for the hosts clients use there.
 * @param namespace namespace the VirtualService is written to
 */
export function renderVirtualServiceSpec(ctx: RenderContext, host: string, namespace: string, routes: HttpRoute[], exposures: GatewayExposures): any {
  const context = { defaultHost: host, apiVersion: ctx.mesh.apiVersion };
  if (!exposures.bound) {
    return { hosts: [host], http: routes.map((r) => r.toJson(context)) };
  }
  const extra = exposures.hosts(ctx.path, namespace);
  // Exposed without routes of its own: everything to the service.
  const served = routes.length > 0 ? routes : [new HttpRoute(ctx.path, {})];
  // A VirtualService the sidecars no longer use keeps only the hosts clients use at the gateway.
  return {
    hosts: exposures.inMesh ? [host, ...extra.filter((h) => h !== host)] : extra,
    gateways: exposures.gateways(),
    http: served.map((r) => r.toJson(context)),
  };
}
