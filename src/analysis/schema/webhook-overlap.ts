/**
 * Which schema issues `istioctl analyze` reports too, and under which code.
 *
 * istioctl analyze runs Istio's validation webhook over every object as one of its analyzers and
 * reports each webhook error as IST0106 (SchemaValidationError). Where the webhook rejects the same
 * thing as the CRD schema (a missing `host`, an empty provider name), a schema finding is the same
 * problem as istioctl's IST0106 and carries that code, so that the two tools can be compared object
 * by object. Where only the CRD schema rejects it (an empty `issuer`, a missing `metadata.name` on
 * most kinds), istioctl says nothing and the finding carries no code.
 *
 * The lists below were checked field by field against `istioctl analyze --use-kube=false` 1.30.3;
 * the differential replay (test/differential/) compares them with istioctl's recorded verdicts.
 */
import { WEBHOOK_ERROR_CODE } from '../istio-codes';
import { PathSegments } from '../json-path';
import { SchemaRuleId } from './issue';

/**
 * A path pattern: property names, `[]` for any array index, `*` for any one map key, `**` for any
 * number of segments.
 */
type Pattern = readonly string[];

const pattern = (p: string): Pattern => p.split('.').flatMap((s) => (s.endsWith('[]') ? [s.slice(0, -2), '[]'] : [s]));

function matches(pat: Pattern, path: PathSegments, i = 0, j = 0): boolean {
  if (i === pat.length) return j === path.length;
  const p = pat[i];
  if (p === '**') {
    for (let k = j; k <= path.length; k++) if (matches(pat, path, i + 1, k)) return true;
    return false;
  }
  if (j === path.length) return false;
  const s = path[j];
  const ok = p === '[]' ? typeof s === 'number' : p === '*' ? typeof s === 'string' : s === p;
  return ok && matches(pat, path, i + 1, j + 1);
}

/**
 * Required fields the webhook does not check. Everything else the CRDs require under `spec` it
 * rejects when missing (proto3 cannot tell an unset field from an empty one, so the webhook's
 * "must be set" is exactly the schema's `required`).
 */
const REQUIRED_NOT_CHECKED: Readonly<Record<string, readonly Pattern[]>> = {
  // EnvoyFilter targetRefs are only warned about; istioctl says nothing on a missing kind or name.
  EnvoyFilter: [pattern('spec.**')],
  Telemetry: [pattern('spec.tracing[].customTags.*.formatter.value')],
};

/** The kinds Istio's webhook validates (schema findings on other kinds, e.g. from `lint --crds`, carry no code). */
const WEBHOOK_KINDS = new Set([
  'AuthorizationPolicy', 'DestinationRule', 'EnvoyFilter', 'Gateway', 'PeerAuthentication', 'ProxyConfig', 'RequestAuthentication',
  'ServiceEntry', 'Sidecar', 'Telemetry', 'TrafficExtension', 'VirtualService', 'WasmPlugin', 'WorkloadEntry', 'WorkloadGroup',
]);

/** `metadata.name` is checked by the webhook (as a DNS-1123 label) only for Gateways. */
const NAME_CHECKED = new Set(['Gateway']);

const TARGET_REFS = ['spec.targetRef.kind', 'spec.targetRef.name', 'spec.targetRefs[].kind', 'spec.targetRefs[].name'];

/**
 * Values the CRD schema bounds (minLength, pattern, minimum/maximum) that the webhook rejects as
 * well. Bounds it does not check (an empty RequestAuthentication issuer or jwksUri, an empty
 * WasmPlugin pluginName) are left out on purpose.
 */
const VALUES_CHECKED: Readonly<Record<string, readonly Pattern[]>> = {
  AuthorizationPolicy: TARGET_REFS.map(pattern),
  DestinationRule: ['**.tunnel.targetPort', '**.loadBalancer.warmup.minimumPercent'].map(pattern),
  RequestAuthentication: [
    ...TARGET_REFS,
    'spec.jwtRules[].outputClaimToHeaders[].header',
    'spec.jwtRules[].outputClaimToHeaders[].claim',
    'spec.jwtRules[].fromHeaders[].name',
    'spec.jwtRules[].fromCookies[]',
    'spec.jwtRules[].fromParams[]',
    'spec.jwtRules[].audiences[]',
  ].map(pattern),
  Telemetry: [
    ...TARGET_REFS,
    'spec.accessLogging[].providers[].name',
    'spec.metrics[].providers[].name',
    'spec.tracing[].providers[].name',
    'spec.tracing[].randomSamplingPercentage',
    'spec.tracing[].customTags.*.environment.name',
    'spec.tracing[].customTags.*.header.name',
    'spec.tracing[].customTags.*.literal.value',
    'spec.metrics[].overrides[].match.customMetric',
  ].map(pattern),
  TrafficExtension: ['spec.wasm.url', 'spec.lua.inlineCode'].map(pattern),
  WasmPlugin: [...TARGET_REFS, 'spec.url', 'spec.sha256', 'spec.match[].ports[].number', 'spec.vmConfig.env[].name'].map(pattern),
  WorkloadEntry: [pattern('spec.ports.*')],
  WorkloadGroup: ['spec.template.ports.*', 'spec.probe.httpGet.httpHeaders[].name'].map(pattern),
};

/** The istioctl analyze code of a schema issue on an object of `kind`, when istioctl reports the same problem. */
export function schemaIssueIstioCode(kind: string, rule: SchemaRuleId, path: PathSegments): string | undefined {
  if (!WEBHOOK_KINDS.has(kind)) return undefined;
  const isName = path.length === 2 && path[0] === 'metadata' && path[1] === 'name';
  switch (rule) {
    case 'schema-required-field':
      if (isName) return NAME_CHECKED.has(kind) ? WEBHOOK_ERROR_CODE : undefined;
      if (path[0] !== 'spec') return undefined;
      return (REQUIRED_NOT_CHECKED[kind] ?? []).some((p) => matches(p, path)) ? undefined : WEBHOOK_ERROR_CODE;
    case 'schema-value-out-of-range':
    case 'schema-invalid-format':
      if (isName) return NAME_CHECKED.has(kind) ? WEBHOOK_ERROR_CODE : undefined;
      return (VALUES_CHECKED[kind] ?? []).some((p) => matches(p, path)) ? WEBHOOK_ERROR_CODE : undefined;
    default:
      return undefined;
  }
}
