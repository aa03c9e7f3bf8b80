import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

/** istioctl's EnvoyFilterUsesRemoveOperationIncorrectly (IST0154). */
export const envoyFilterRemoveIgnored = envoyFilterRule(
  'envoyfilter-remove-ignored', 'remove', Severity.ERROR, 'IST0154',
  'An EnvoyFilter patch uses REMOVE with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE, where Istio ignores it.',
  (_operation, applyTo) => ({
    message: `This patch uses REMOVE with applyTo ${applyTo}; Istio ignores REMOVE there, so the patch does nothing.`,
    fix: 'Remove the route with a VirtualService change instead, or MERGE the route configuration.',
  }));
