import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

export const envoyFilterRemoveIgnored = envoyFilterRule({
  id: 'envoyfilter-remove-ignored',
  kinds: ['EnvoyFilter'],
  problem: 'remove',
  severity: Severity.ERROR,
  istioCode: 'IST0154',
  summary: 'An EnvoyFilter patch uses REMOVE with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE, where Istio ignores it.',
  describe: (_operation, applyTo) => ({
    message: `This patch uses REMOVE with applyTo ${applyTo}; Istio ignores REMOVE there, so the patch does nothing.`,
    fix: 'Remove the route with a VirtualService change instead, or MERGE the route configuration.',
  }),
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message EnvoyFilterUsesRemoveOperationIncorrectly (IST0154)',
  docs: 'istioctl\'s EnvoyFilterUsesRemoveOperationIncorrectly (IST0154).',
  fields: 'spec.configPatches[].applyTo',
  fix: 'Do not REMOVE route configurations or routes; change the VirtualService.',
});
