import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

export const envoyFilterAddIgnored = envoyFilterRule({
  id: 'envoyfilter-add-ignored',
  kinds: ['EnvoyFilter'],
  problem: 'add',
  severity: Severity.ERROR,
  istioCode: 'IST0153',
  summary: 'An EnvoyFilter patch uses ADD with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE, where Istio ignores it.',
  describe: (_operation, applyTo) => ({
    message: `This patch uses ADD with applyTo ${applyTo}; Istio ignores ADD there, so the patch does nothing.`,
    fix: 'Use MERGE on the route configuration, or ADD a VIRTUAL_HOST or HTTP_ROUTE under it via its parent.',
  }),
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message EnvoyFilterUsesAddOperationIncorrectly (IST0153)',
  docs: 'istioctl\'s EnvoyFilterUsesAddOperationIncorrectly (IST0153).',
  fields: 'spec.configPatches[].applyTo',
  fix: 'Do not ADD route configurations or routes; MERGE or patch a parent.',
});
