import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

export const sidecarConflictingSelectors = scopeRule({
  id: 'sidecar-conflicting-selectors',
  kinds: ['Sidecar'],
  severity: Severity.ERROR,
  istioCode: 'IST0110',
  summary: 'Several Sidecars select the same pods, so which one configures their proxy is undefined.',
  category: 'conflict',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ConflictingSidecarWorkloadSelectors (IST0110)',
  docs: 'istioctl\'s ConflictingSidecarWorkloadSelectors (IST0110).',
  fields: 'spec.workloadSelector',
  fix: 'Select each workload with one Sidecar.',
});
