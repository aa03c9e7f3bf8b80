/**
 * The specs of the three objects a `MeshService` writes (Service, DestinationRule,
 * VirtualService), as functions of what the mesh service holds. Internal.
 */
import { GatewayExposures } from './gateway-exposures';
import { RenderContext } from './render-context';
import { isDns1123Label, toDns1123Label } from '../analysis/validators/names';
import { MeshServicePort, Protocol } from '../mesh/protocol';
import type { ServiceVersion } from '../mesh/service-version';
import { HttpRoute } from '../traffic/http-route';
import type { TrafficPolicy } from '../traffic/traffic-policy';

/** Checks a port of a Service the mesh service creates (`ctx` is the prop, e.g. `ports[0]`). */
export function checkServicePort(ctx: RenderContext, p: MeshServicePort): void {
  for (const [field, value] of [['port', p.port], ['targetPort', p.targetPort]] as Array<[string, number | undefined]>) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 65535)) {
      ctx.child(field).fail(`is ${value}`, 'a port is a whole number from 1 to 65535.');
    }
  }
  if (p.name !== undefined && !isDns1123Label(p.name)) {
    ctx.child('name').fail(`'${p.name}' is not a valid port name`, `use e.g. '${toDns1123Label(p.name)}'.`);
  }
}

/**
 * The spec of the Service: selects the pods by their `app` label; each port is named after its
 * protocol (`http`, or `http-9080` when two ports share one), which is how Istio learns it.
 */
export function renderServiceSpec(ctx: RenderContext, appLabel: string, ports: MeshServicePort[]): any {
  if (ports.length === 0) {
    ctx.fail("the Service has no port; set port (e.g. port: 8080) or give a version's container a portNumber.");
  }
  const counts = new Map<Protocol, number>();
  for (const p of ports) counts.set(p.protocol ?? Protocol.HTTP, (counts.get(p.protocol ?? Protocol.HTTP) ?? 0) + 1);
  return {
    selector: { app: appLabel },
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
