import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

/** istioctl's EnvoyFilterUsesAddOperationIncorrectly (IST0153). */
export const envoyFilterAddIgnored = envoyFilterRule(
  'envoyfilter-add-ignored', 'add', Severity.ERROR, 'IST0153',
  'An EnvoyFilter patch uses ADD with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE, where Istio ignores it.',
  (_operation, applyTo) => ({
    message: `This patch uses ADD with applyTo ${applyTo}; Istio ignores ADD there, so the patch does nothing.`,
    fix: 'Use MERGE on the route configuration, or ADD a VIRTUAL_HOST or HTTP_ROUTE under it via its parent.',
  }));
