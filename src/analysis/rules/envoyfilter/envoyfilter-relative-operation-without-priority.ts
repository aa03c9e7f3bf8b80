import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

export const envoyFilterRelativeOperation = envoyFilterRule({
  id: 'envoyfilter-relative-operation-without-priority',
  kinds: ['EnvoyFilter'],
  problem: 'relative',
  severity: Severity.WARNING,
  istioCode: 'IST0151',
  summary: 'An EnvoyFilter patch uses a relative operation (INSERT_BEFORE/AFTER, REPLACE, REMOVE) without priority, so it may apply before the filter it relies on.',
  describe: (operation) => ({
    message: `This patch uses the relative operation ${operation} and the EnvoyFilter sets no priority, so whether the filter it is relative to already exists depends on the order Istio applies EnvoyFilters in.`,
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  }),
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message EnvoyFilterUsesRelativeOperation (IST0151)',
  docs: 'istioctl\'s EnvoyFilterUsesRelativeOperation (IST0151). Like istioctl, MERGE is not treated as relative and is never reported.',
  fields: 'spec.configPatches[].patch.operation, spec.priority',
  fix: 'Set priority, or use INSERT_FIRST or ADD.',
});
