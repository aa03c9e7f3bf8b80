import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

/** istioctl's ConflictingSidecarWorkloadSelectors (IST0110). */
export const sidecarConflictingSelectors = scopeRule('sidecar-conflicting-selectors', Severity.ERROR, 'IST0110',
  'Several Sidecars select the same pods, so which one configures their proxy is undefined.', 'conflict');
