import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

export const sidecarMultipleNamespaceDefaults = scopeRule({
  id: 'sidecar-multiple-namespace-defaults',
  kinds: ['Sidecar'],
  severity: Severity.ERROR,
  istioCode: 'IST0111',
  summary: 'A namespace has more than one Sidecar without workloadSelector, so which default applies is undefined.',
  category: 'defaults',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message MultipleSidecarsWithoutWorkloadSelectors (IST0111)',
  docs: 'istioctl\'s MultipleSidecarsWithoutWorkloadSelectors (IST0111).',
  fields: 'spec.workloadSelector',
  fix: 'Keep one Sidecar without selector per namespace.',
});
