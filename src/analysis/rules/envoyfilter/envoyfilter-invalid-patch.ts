import { Severity } from '../../diagnostic';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';
import { patchFindings } from '../../validation/envoyfilter';

export const envoyFilterInvalidPatch: Rule = {
  id: 'envoyfilter-invalid-patch',
  kinds: ['EnvoyFilter'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An EnvoyFilter patch lacks applyTo, operation or value, matches the wrong class of object, has a filter match without a name, or a value Istio cannot convert to Envoy configuration.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation/envoyfilter: validateEnvoyFilter',
  docs: 'Istio\'s webhook checks of each EnvoyFilter config patch (outside the WAYPOINT context): it\n' +
    'names applyTo and patch.operation, carries patch.value unless it is a REMOVE, a proxyVersion\n' +
    'match is a valid regex, the match is of the class applyTo works on (listener match for\n' +
    'LISTENER, FILTER_CHAIN, NETWORK_FILTER, HTTP_FILTER; routeConfiguration match for\n' +
    'ROUTE_CONFIGURATION, VIRTUAL_HOST, HTTP_ROUTE; cluster match for CLUSTER), a filter match\n' +
    'names its filter, and a subFilter match is used with HTTP_FILTER under the HTTP connection\n' +
    'manager and names its subfilter. The webhook also converts patch.value to the Envoy message of\n' +
    'applyTo; lint checks the part of that conversion it can without Envoy\'s type registry: the\n' +
    'value\'s name is a string and every `@type` is a type URL ending in a protobuf message name.',
  fields: 'spec.configPatches[]',
  fix: 'Complete the patch (applyTo, operation, value), match the class of object applyTo names, and name the filters matched.',
  check(model: MeshModel, report: Report): void {
    for (const ef of model.ofKind(NETWORKING_GROUP, 'EnvoyFilter')) {
      for (const f of patchFindings(ef)) report(f);
    }
  },
};
