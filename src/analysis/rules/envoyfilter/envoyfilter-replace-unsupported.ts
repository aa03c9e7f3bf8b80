import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

export const envoyFilterReplaceOnUnsupportedTarget = envoyFilterRule({
  id: 'envoyfilter-replace-unsupported',
  kinds: ['EnvoyFilter'],
  problem: 'replace',
  severity: Severity.ERROR,
  istioCode: 'IST0152',
  summary: 'An EnvoyFilter patch uses REPLACE on something other than an HTTP filter, a network filter or a virtual host, which Istio does not support.',
  describe: (_operation, applyTo) => ({
    message: `This patch uses REPLACE with applyTo ${applyTo}; REPLACE only works with HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST.`,
    fix: 'Use MERGE to change the object, or REMOVE and ADD.',
  }),
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message EnvoyFilterUsesReplaceOperationIncorrectly (IST0152)',
  docs: 'istioctl\'s EnvoyFilterUsesReplaceOperationIncorrectly (IST0152).',
  fields: 'spec.configPatches[].patch.operation',
  fix: 'Use REPLACE only on HTTP_FILTER, NETWORK_FILTER or VIRTUAL_HOST; MERGE otherwise.',
});
