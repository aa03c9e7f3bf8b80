import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { describeRoute, gatewayApiRoutes, isServiceRef, parentRefsOf } from '../../resources/gateway-api-routes';
import { Rule } from '../../rule';

/** Whether a VirtualService applies to sidecars (no gateways, or `mesh` among them). */
function appliesToMesh(spec: any): boolean {
  const gateways = isPlainObject(spec) && Array.isArray(spec.gateways) ? spec.gateways : [];
  return gateways.length === 0 || gateways.includes('mesh');
}

export const httpRouteVirtualServiceHostConflict: Rule = {
  id: 'httproute-virtualservice-host-conflict',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  severity: Severity.WARNING,
  summary: 'An HTTPRoute or GRPCRoute attached to a Service and a mesh VirtualService both route that Service\'s host.',
  origin: 'app',
  docs: 'Mesh routes for a Service can come from a route attached to it (GAMMA) or from a VirtualService for its\n' +
    'host. Istio does not merge the two: sidecars and waypoints apply one set of routes to the host, so the\n' +
    'other is silently ignored and which one wins is not what the manifests say. Keep one API per service.',
  fields: 'spec.parentRefs[] (kind Service); VirtualService spec.hosts',
  fix: 'Remove the VirtualService or the route for that Service, so that one API routes it.',
  check(model, report) {
    const vsHosts = new Map<string, string>();
    for (const vs of model.virtualServices()) {
      if (!appliesToMesh(vs.spec)) continue;
      const hosts = isPlainObject(vs.spec) && Array.isArray(vs.spec.hosts) ? vs.spec.hosts : [];
      for (const h of hosts) if (typeof h === 'string') vsHosts.set(model.fqdn(h, vs.namespace), `${vs.namespace}/${vs.name}`);
    }
    if (vsHosts.size === 0) return;
    for (const route of gatewayApiRoutes(model)) {
      for (const ref of parentRefsOf(route)) {
        if (!isServiceRef(ref)) continue;
        const host = `${ref.name}.${ref.namespace}.svc.${model.clusterDomain}`;
        const vs = vsHosts.get(host);
        if (!vs) continue;
        report({
          object: route,
          path: ref.path,
          message: `${describeRoute(route)} routes mesh traffic to Service ${ref.namespace}/${ref.name}, and VirtualService ${vs} also routes its host ${host}; Istio applies only one of them.`,
          fix: `Route ${host} with one API: remove VirtualService ${vs}, or remove this parentRef.`,
        });
      }
    }
  },
};
