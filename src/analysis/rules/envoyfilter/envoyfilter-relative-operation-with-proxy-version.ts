import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

export const envoyFilterRelativeOperationWithProxyVersion = envoyFilterRule({
  id: 'envoyfilter-relative-operation-with-proxy-version',
  kinds: ['EnvoyFilter'],
  problem: 'relative-proxy-version',
  severity: Severity.WARNING,
  istioCode: 'IST0155',
  summary: 'An EnvoyFilter patch uses a relative operation without priority on a filter that another patch pins to a proxyVersion, so it may stop applying during an upgrade.',
  describe: (operation) => ({
    message: `This patch uses the relative operation ${operation} without priority on a filter that an earlier patch pins to a proxyVersion; during an upgrade the filter it is relative to may be missing, and the patch is then not applied.`,
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  }),
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message EnvoyFilterUsesRelativeOperationWithProxyVersion (IST0155)',
  docs: 'istioctl\'s EnvoyFilterUsesRelativeOperationWithProxyVersion (IST0155).',
  fields: 'spec.configPatches[], spec.priority',
  fix: 'Set priority, or use INSERT_FIRST or ADD.',
});
