import { Severity } from '../../diagnostic';
import { envoyFilterRule } from '../../validation/envoyfilter';

/** istioctl's EnvoyFilterUsesRelativeOperationWithProxyVersion (IST0155). */
export const envoyFilterRelativeOperationWithProxyVersion = envoyFilterRule(
  'envoyfilter-relative-operation-with-proxy-version', 'relative-proxy-version', Severity.WARNING, 'IST0155',
  'An EnvoyFilter patch uses a relative operation without priority on a filter that another patch pins to a proxyVersion, so it may stop applying during an upgrade.',
  (operation) => ({
    message: `This patch uses the relative operation ${operation} without priority on a filter that an earlier patch pins to a proxyVersion; during an upgrade the filter it is relative to may be missing, and the patch is then not applied.`,
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  }));
