import { Severity } from '../../diagnostic';
import { backendRefsOf, describeRoute, gatewayApiRoutes, isServiceRef, servicePortNumbers } from '../../resources/gateway-api-routes';
import { Rule } from '../../rule';

export const httpRouteBackendPortNotFound: Rule = {
  id: 'httproute-backend-port-not-found',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  severity: Severity.ERROR,
  summary: 'A backendRef of an HTTPRoute or GRPCRoute names a port that its Service does not have.',
  origin: 'app',
  docs: 'A Service backendRef names a port of the Service (`port` is required for Services).\n' +
    'Why an error: when the Service exists but has no such port, Istio cannot resolve the backend and every\n' +
    'request routed to it fails (500).',
  fields: 'spec.rules[].backendRefs[].port, spec.rules[].filters[].requestMirror.backendRef.port',
  fix: 'Use a port the Service declares in spec.ports[].port.',
  check(model, report) {
    for (const route of gatewayApiRoutes(model)) {
      for (const ref of backendRefsOf(route)) {
        if (!isServiceRef(ref) || ref.port === undefined) continue;
        const service = model.find('', 'Service', ref.namespace, ref.name);
        if (!service || service.spec?.type === 'ExternalName') continue;
        const ports = servicePortNumbers(service);
        if (ports.includes(ref.port)) continue;
        report({
          object: route,
          path: [...ref.path, 'port'],
          message: `${describeRoute(route)} sends to port ${ref.port} of Service ${ref.namespace}/${ref.name}, which has ${ports.length > 0 ? `ports ${ports.join(', ')}` : 'no port'}; every request routed there fails.`,
          fix: ports.length > 0 ? `Set port to ${ports.length === 1 ? ports[0] : `one of ${ports.join(', ')}`}.` : `Give Service ${ref.name} the port ${ref.port}.`,
        });
      }
    }
  },
};
