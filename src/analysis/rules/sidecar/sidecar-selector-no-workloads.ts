import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

export const sidecarSelectorNoWorkloads = scopeRule({
  id: 'sidecar-selector-no-workloads',
  kinds: ['Sidecar'],
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  summary: 'A Sidecar workloadSelector matches no pod template of its namespace, so it configures no proxy.',
  category: 'no-workloads',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'istioctl\'s ReferencedResourceNotFound (IST0101) for a Sidecar selector; a warning here, as the workload may be deployed separately.',
  fields: 'spec.workloadSelector.labels',
  fix: 'Use the pod template labels of the workload.',
});
