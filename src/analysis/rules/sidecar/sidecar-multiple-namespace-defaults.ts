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
  docs: 'istioctl\'s MultipleSidecarsWithoutWorkloadSelectors (IST0111), an error when istioctl analyzes a cluster.\n' +
    'istioctl skips this analyzer on local files; lint reports it there too, but only as a warning when the\n' +
    'Sidecars declare no namespace and come from different files (they may be applied to different namespaces).',
  fields: 'spec.workloadSelector',
  fix: 'Keep one Sidecar without selector per namespace.',
});
