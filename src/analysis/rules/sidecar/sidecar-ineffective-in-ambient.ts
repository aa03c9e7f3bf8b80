import { Severity } from '../../diagnostic';
import { scopeRule } from '../../facts/sidecar-scope';

/** istioctl's IneffectivePolicy (IST0167) for Sidecars. */
export const sidecarIneffectiveInAmbient = scopeRule('sidecar-ineffective-in-ambient', Severity.WARNING, 'IST0167',
  'A Sidecar applies to a namespace or workloads in ambient mode, where there is no sidecar proxy, so it has no effect.', 'ambient');
