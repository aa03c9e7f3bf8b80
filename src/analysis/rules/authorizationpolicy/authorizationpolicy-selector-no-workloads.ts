import { selectorRule } from '../../facts/selector-workloads';

/** istioctl's NoMatchingWorkloadsFound (IST0127) for AuthorizationPolicy. */
export const authorizationPolicySelectorNoWorkloads = selectorRule(
  'AuthorizationPolicy', 'authorizationpolicy-selector-no-workloads', 'IST0127', 'this AuthorizationPolicy protects nothing');
