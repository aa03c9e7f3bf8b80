import { Severity } from '../../diagnostic';
import { backendRefsOf, describeRoute, gatewayApiRoutes, isServiceRef } from '../../resources/gateway-api-routes';
import { Rule } from '../../rule';

export const httpRouteBackendNotFound: Rule = {
  id: 'httproute-backend-not-found',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  severity: Severity.WARNING,
  summary: 'A backendRef (or RequestMirror backendRef) of an HTTPRoute or GRPCRoute names a Service that is not among the analysed objects.',
  origin: 'app',
  docs: 'A Gateway API route sends to Services by name. When the named Service does not exist, Istio marks the\n' +
    'route ResolvedRefs=False and answers the requests of that backend with 500. The Service may exist in\n' +
    'the cluster without being among the analysed files, so this is a warning.',
  fields: 'spec.rules[].backendRefs[].name, spec.rules[].filters[].requestMirror.backendRef.name',
  fix: 'Create the Service, or correct the backendRef name or namespace.',
  check(model, report) {
    for (const route of gatewayApiRoutes(model)) {
      for (const ref of backendRefsOf(route)) {
        if (!isServiceRef(ref) || model.find('', 'Service', ref.namespace, ref.name)) continue;
        const known = model.ofKind('', 'Service').filter((s) => s.namespace === ref.namespace).map((s) => s.name);
        report({
          object: route,
          path: [...ref.path, 'name'],
          message: `${describeRoute(route)} sends to Service ${ref.namespace}/${ref.name}, which is not among the analysed objects; if it does not exist, Istio answers these requests with 500.`,
          fix: known.length > 0 ? `Name one of the Services of ${ref.namespace} (${known.slice(0, 4).join(', ')}), or create ${ref.name}.` : `Create Service ${ref.namespace}/${ref.name}, or correct the backendRef.`,
        });
      }
    }
  },
};
