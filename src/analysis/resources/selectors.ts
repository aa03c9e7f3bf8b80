/**
 * The one reader of an Istio object's workload selector. Istio spells it three ways: a Gateway's
 * `spec.selector` is the label map itself; Sidecar, ServiceEntry and DestinationRule nest it as
 * `spec.workloadSelector.labels`; the policies (PeerAuthentication, AuthorizationPolicy,
 * RequestAuthentication, Telemetry, WasmPlugin) as `spec.selector.matchLabels`.
 */
import { isPlainObject, ObjectRecord, stringMap } from '../manifest';

const WORKLOAD_SELECTOR_KINDS = new Set(['Sidecar', 'ServiceEntry', 'DestinationRule', 'WorkloadGroup']);

/** The labels an object selects its workloads by (string values only); `{}` when it has none. */
export function workloadSelectorOf(object: ObjectRecord): Record<string, string> {
  const spec = object.spec;
  if (!isPlainObject(spec)) return {};
  if (object.kind === 'Gateway') return stringMap(spec.selector);
  if (WORKLOAD_SELECTOR_KINDS.has(object.kind)) {
    return isPlainObject(spec.workloadSelector) ? stringMap(spec.workloadSelector.labels) : {};
  }
  return isPlainObject(spec.selector) ? stringMap(spec.selector.matchLabels) : {};
}
