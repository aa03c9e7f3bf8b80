import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

/** istioctl's EnvoyFilterUsesReplaceOperationIncorrectly (IST0152). */
export const envoyFilterReplaceOnUnsupportedTarget = envoyFilterRule(
  'envoyfilter-replace-unsupported', 'replace', Severity.ERROR, 'IST0152',
  'An EnvoyFilter patch uses REPLACE on something other than an HTTP or network filter, which Istio does not support.',
  (_operation, applyTo) => ({
    message: `This patch uses REPLACE with applyTo ${applyTo}; REPLACE only works with HTTP_FILTER and NETWORK_FILTER.`,
    fix: 'Use MERGE to change the object, or REMOVE and ADD.',
  }));
