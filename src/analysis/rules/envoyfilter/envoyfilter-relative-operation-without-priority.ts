import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

/** istioctl's EnvoyFilterUsesRelativeOperation (IST0151). */
export const envoyFilterRelativeOperation = envoyFilterRule(
  'envoyfilter-relative-operation-without-priority', 'relative', Severity.WARNING, 'IST0151',
  'An EnvoyFilter patch uses a relative operation (MERGE, INSERT_BEFORE/AFTER, REPLACE, REMOVE) without priority, so it may apply before the filter it relies on.',
  (operation) => ({
    message: `This patch uses the relative operation ${operation} and the EnvoyFilter sets no priority, so whether the filter it is relative to already exists depends on the order Istio applies EnvoyFilters in.`,
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  }));
