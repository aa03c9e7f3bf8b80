import { RenderContext } from './render-context';
import type { MeshService } from '../mesh/mesh-service';
import { Canary } from '../traffic/canary';

/**
 * The checks every hand-off of a canary to a controller makes first: the object is the canary
 * running on its service, and that service routes with Istio's API (the controllers edit its
 * VirtualService route and DestinationRule subsets, which an HTTPRoute service does not have).
 * Returns the service.
 */
export function handedOffService(ctx: RenderContext, canary: unknown, controller: string): MeshService {
  if (!(canary instanceof Canary)) {
    ctx.child('canary').fail('is not a Canary', 'pass the object meshService.canary({ stable, candidate }) returns.');
  }
  const c = canary as Canary;
  const service: MeshService = c.stable.meshService;
  if (service._currentCanary !== c) {
    ctx.child('canary').fail(`is not the canary running on ${service.node.path}`, 'pass the object meshService.canary() returned.');
  }
  if (service.routingApi.isGatewayApi) {
    ctx.child('canary').fail(
      `runs on ${service.node.path}, whose routes are written in the Gateway API (routingApi ${service.routingApi})`,
      `hand the canary of a service on Istio's API to ${controller}: set routingApi: RoutingApi.ISTIO on that MeshService.`,
    );
  }
  return service;
}
