import { Severity } from '../../diagnostic';
import { backendRefsOf, describeRoute, GATEWAY_API_GROUP, gatewayApiRoutes, isServiceRef, referenceGranted } from '../../resources/gateway-api-routes';
import { Rule } from '../../rule';

export const httpRouteBackendNotPermitted: Rule = {
  id: 'httproute-backend-not-permitted',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  severity: Severity.WARNING,
  summary: 'A route sends to a Service in another namespace, and no analysed ReferenceGrant in that namespace allows it.',
  origin: 'app',
  docs: 'The Gateway API lets a route reference a Service of another namespace only when a ReferenceGrant in\n' +
    'the Service\'s namespace allows routes of that kind from the route\'s namespace (to all Services, or to\n' +
    'that one by name). Without one Istio refuses the reference (RefNotPermitted) and the requests fail.\n' +
    'The grant may exist in the cluster without being among the analysed files, so this is a warning.',
  fields: 'spec.rules[].backendRefs[].namespace',
  fix: 'Add a ReferenceGrant in the Service\'s namespace, from the route\'s kind and namespace to the Service.',
  check(model, report) {
    for (const route of gatewayApiRoutes(model)) {
      for (const ref of backendRefsOf(route)) {
        if (!ref.crossNamespace || !isServiceRef(ref)) continue;
        const allowed = referenceGranted(model, route, ref);
        if (allowed) continue;
        report({
          object: route,
          path: [...ref.path, 'namespace'],
          message: `${describeRoute(route)} sends to Service ${ref.namespace}/${ref.name} in another namespace, and no ReferenceGrant in ${ref.namespace} allows ${route.kind}s of ${route.namespace} to reference it; Istio refuses the reference (RefNotPermitted).`,
          fix: `Add a ReferenceGrant in ${ref.namespace}: from { group: ${GATEWAY_API_GROUP}, kind: ${route.kind}, namespace: ${route.namespace} } to { group: "", kind: Service, name: ${ref.name} }.`,
        });
      }
    }
  },
};
