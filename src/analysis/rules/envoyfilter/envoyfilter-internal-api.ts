import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

/**
 * Istio's webhook drops its warnings when the workload selector has an empty or wildcard label key
 * or value (it returns the error alone), so istioctl says nothing more about such an EnvoyFilter.
 */
function selectorRejected(ef: ObjectRecord): boolean {
  const selector = isPlainObject(ef.spec) ? ef.spec.workloadSelector : undefined;
  if (!isPlainObject(selector) || !isPlainObject(selector.labels)) return false;
  return Object.entries(selector.labels).some(([k, v]) => k === '' || k.includes('*') || (typeof v === 'string' && v.includes('*')));
}

export const envoyFilterInternalApi: Rule = {
  id: 'envoyfilter-internal-api',
  kinds: ['EnvoyFilter'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'An EnvoyFilter patches Envoy\'s generated configuration, whose shape may change with any Istio release.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation/envoyfilter: ValidateEnvoyFilter (the warning it gives every EnvoyFilter)',
  docs: 'Istio\'s validation webhook warns on every EnvoyFilter: its patches target the listeners, clusters and\n' +
    'filters istiod generates, which are implementation details that can change in any release, so an\n' +
    'EnvoyFilter may silently stop matching (or break the proxy) after an upgrade. istioctl analyze\n' +
    'reports the warning as IST0133 (SchemaWarning). A warning, as in Istio: prefer a dedicated API\n' +
    '(Telemetry, WasmPlugin, DestinationRule, Sidecar, AuthorizationPolicy) where one exists, and\n' +
    'pin the EnvoyFilter to a proxy version to re-check it on upgrades.',
  fields: 'the EnvoyFilter as a whole',
  fix: 'Use a dedicated Istio API if one covers the need; otherwise keep the EnvoyFilter, re-test it on every Istio upgrade, ' +
    'and silence this rule for it with the cdk8s-istio.io/ignore-rules annotation.',
  check(model: MeshModel, report: Report): void {
    for (const ef of model.ofKind(NETWORKING_GROUP, 'EnvoyFilter')) {
      if (selectorRejected(ef)) continue;
      report({
        object: ef,
        path: [],
        message: 'This EnvoyFilter patches the Envoy configuration istiod generates, an implementation detail that may change in any Istio ' +
          'release; after an upgrade the patch can stop matching or break the proxy.',
        fix: 'Prefer a dedicated API (Telemetry, WasmPlugin, DestinationRule, Sidecar, AuthorizationPolicy) where one covers the need; ' +
          'otherwise re-test this EnvoyFilter on every Istio upgrade and add envoyfilter-internal-api to its cdk8s-istio.io/ignore-rules annotation.',
      });
    }
  },
};
