import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { describeRoute, GATEWAY_API_GROUP, gatewayApiRoutes, parentRefsOf, RouteRef } from '../../resources/gateway-api-routes';
import { Rule } from '../../rule';

/** Why a listener does not take the route, or undefined when it does. */
function refusal(listener: any, ref: RouteRef, gatewayNamespace: string): string | undefined {
  if (ref.sectionName !== undefined && listener.name !== ref.sectionName) return 'name';
  if (ref.port !== undefined && listener.port !== ref.port) return 'port';
  if (!['HTTP', 'HTTPS'].includes(listener.protocol)) return 'protocol';
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'Same' && ref.route.namespace !== gatewayNamespace) return 'namespace';
  if (from === 'Selector') {
    const labels = listener.allowedRoutes?.namespaces?.selector?.matchLabels;
    const byName = isPlainObject(labels) ? labels['kubernetes.io/metadata.name'] : undefined;
    if (typeof byName === 'string' && byName !== ref.route.namespace) return 'namespace';
  }
  return undefined;
}

export const httpRouteParentNotAccepted: Rule = {
  id: 'httproute-parent-not-accepted',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  severity: Severity.ERROR,
  summary: 'An HTTPRoute or GRPCRoute names a Gateway of the analysed objects, but no listener of it takes the route (sectionName, port, protocol or allowedRoutes namespaces).',
  origin: 'app',
  docs: 'A Gateway takes a route on the listeners its parentRef selects (by sectionName and port) whose\n' +
    'protocol carries HTTP and whose allowedRoutes admits the route\'s namespace (Same by default).\n' +
    'Why an error: when no listener does, the Gateway does not accept the route (NotAllowedByListeners or\n' +
    'NoMatchingParent) and none of its traffic reaches the backends through that Gateway.',
  fields: 'spec.parentRefs[].sectionName, port; Gateway spec.listeners[].allowedRoutes',
  fix: 'Name a listener that exists, or let the listener admit the route\'s namespace (allowedRoutes.namespaces.from: All or a Selector).',
  check(model, report) {
    for (const route of gatewayApiRoutes(model)) {
      for (const ref of parentRefsOf(route)) {
        if (ref.group !== GATEWAY_API_GROUP || ref.kind !== 'Gateway') continue;
        const gateway = model.find(GATEWAY_API_GROUP, 'Gateway', ref.namespace, ref.name);
        const written = gateway && isPlainObject(gateway.spec) && Array.isArray(gateway.spec.listeners) ? gateway.spec.listeners : [];
        const listeners: any[] = written.filter(isPlainObject);
        if (!gateway || listeners.length === 0) continue;
        const reasons = listeners.map((l) => refusal(l, ref, gateway.namespace));
        if (reasons.some((r) => r === undefined)) continue;
        const what = ref.sectionName !== undefined && !reasons.includes('port') && reasons.every((r) => r === 'name')
          ? `has no listener named '${ref.sectionName}' (listeners: ${listeners.map((l) => l.name).join(', ')})`
          : reasons.includes('namespace')
            ? `admits no route of namespace ${route.namespace} on the listeners the parentRef selects (allowedRoutes)`
            : 'has no HTTP or HTTPS listener matching the parentRef\'s sectionName and port';
        report({
          object: route,
          path: ref.sectionName !== undefined && what.startsWith('has no listener named') ? [...ref.path, 'sectionName'] : ref.path,
          message: `${describeRoute(route)} is attached to Gateway ${ref.namespace}/${ref.name}, which ${what}; the Gateway does not accept the route.`,
          fix: reasons.includes('namespace')
            ? `Set allowedRoutes.namespaces.from: All on the listener (or a Selector matching ${route.namespace}), or move the route to ${gateway.namespace}.`
            : 'Name an existing HTTP or HTTPS listener in sectionName (or leave sectionName and port out).',
        });
      }
    }
  },
};
