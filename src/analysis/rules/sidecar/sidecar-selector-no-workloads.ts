import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

/** istioctl's ReferencedResourceNotFound (IST0101) for a Sidecar selector; a warning here, as the workload may be deployed separately. */
export const sidecarSelectorNoWorkloads = scopeRule('sidecar-selector-no-workloads', Severity.WARNING, 'IST0101',
  'A Sidecar workloadSelector matches no pod template of its namespace, so it configures no proxy.', 'no-workloads');
