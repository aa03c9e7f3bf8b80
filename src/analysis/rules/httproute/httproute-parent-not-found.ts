import { Severity } from '../../diagnostic';
import { describeRoute, GATEWAY_API_GROUP, gatewayApiRoutes, isServiceRef, parentRefsOf } from '../../resources/gateway-api-routes';
import { Rule } from '../../rule';

export const httpRouteParentNotFound: Rule = {
  id: 'httproute-parent-not-found',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  severity: Severity.WARNING,
  summary: 'A parentRef of an HTTPRoute or GRPCRoute names a Gateway or Service that is not among the analysed objects.',
  origin: 'app',
  docs: 'A route applies only where it is attached: to the Gateways and (GAMMA) Services its parentRefs name.\n' +
    'A parent that does not exist leaves the route unused there. It may exist in the cluster without being\n' +
    'among the analysed files, so this is a warning.',
  fields: 'spec.parentRefs[].name, namespace, kind',
  fix: 'Correct the parentRef, or create the Gateway or Service it names.',
  check(model, report) {
    for (const route of gatewayApiRoutes(model)) {
      for (const ref of parentRefsOf(route)) {
        const gateway = ref.group === GATEWAY_API_GROUP && ref.kind === 'Gateway';
        if (!gateway && !isServiceRef(ref)) continue;
        if (model.find(ref.group, ref.kind, ref.namespace, ref.name)) continue;
        report({
          object: route,
          path: [...ref.path, 'name'],
          message: `${describeRoute(route)} is attached to ${ref.kind} ${ref.namespace}/${ref.name}, which is not among the analysed objects; the route applies nowhere through it.`,
          fix: `Create ${ref.kind} ${ref.namespace}/${ref.name}, or correct the parentRef${ref.crossNamespace ? '' : ' (a parent in another namespace needs namespace)'}.`,
        });
      }
    }
  },
};
