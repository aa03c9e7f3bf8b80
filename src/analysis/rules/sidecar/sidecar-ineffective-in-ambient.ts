import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

export const sidecarIneffectiveInAmbient = scopeRule({
  id: 'sidecar-ineffective-in-ambient',
  kinds: ['Sidecar'],
  severity: Severity.WARNING,
  istioCode: 'IST0167',
  summary: 'A Sidecar applies to a namespace or workloads in ambient mode, where there is no sidecar proxy, so it has no effect.',
  category: 'ambient',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message IneffectivePolicy (IST0167)',
  docs: 'istioctl\'s IneffectivePolicy (IST0167) for Sidecars.',
  fields: 'spec',
  fix: 'Remove the Sidecar for ambient workloads, or take them out of ambient mode.',
});
