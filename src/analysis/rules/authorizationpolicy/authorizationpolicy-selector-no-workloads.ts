import { Severity } from '../../diagnostic';
import { selectorRule } from '../../facts/selector-workloads';

export const authorizationPolicySelectorNoWorkloads = selectorRule({
  id: 'authorizationpolicy-selector-no-workloads',
  kinds: ['AuthorizationPolicy'],
  kind: 'AuthorizationPolicy',
  istioCode: 'IST0127',
  effect: 'this AuthorizationPolicy protects nothing',
  severity: Severity.WARNING,
  summary: 'An AuthorizationPolicy selector matches no workload of the app, so the policy applies to nothing.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message NoMatchingWorkloadsFound (IST0127)',
  docs: 'istioctl\'s NoMatchingWorkloadsFound (IST0127) for AuthorizationPolicy.',
  fields: 'spec.selector.matchLabels',
  fix: 'Use the pod template labels of the workload, in the policy\'s namespace.',
});
