import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

/** istioctl's MultipleSidecarsWithoutWorkloadSelectors (IST0111). */
export const sidecarMultipleNamespaceDefaults = scopeRule('sidecar-multiple-namespace-defaults', Severity.ERROR, 'IST0111',
  'A namespace has more than one Sidecar without workloadSelector, so which default applies is undefined.', 'defaults');
