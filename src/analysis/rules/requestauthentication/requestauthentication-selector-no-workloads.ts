import { selectorRule } from '../../facts/selector-workloads';

/** The same check for RequestAuthentication (istioctl has none). */
export const requestAuthenticationSelectorNoWorkloads = selectorRule(
  'RequestAuthentication', 'requestauthentication-selector-no-workloads', undefined, 'no workload validates these JWTs');
