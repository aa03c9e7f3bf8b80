/**
 * What a Gateway's selector reaches in the app: istioctl's ReferencedResourceNotFound (IST0101)
 * for a selector that matches no pod, and for a `credentialName` secret missing from the gateway
 * workload's namespace. Both are warnings here: a gateway deployment or a secret made outside
 * the app (an Istio install, cert-manager) is common and cannot be seen in the manifests.
 */
import { MeshModel } from '../model';

/** The selectors of the gateways Istio installs by default; they are expected outside the app. */
const DEFAULT_SELECTORS = ['ingressgateway', 'egressgateway'];

/** Whether the selector is exactly Istio's default `istio: ingressgateway` or `istio: egressgateway`. */
export function isDefaultGatewaySelector(selector: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length === 1 && keys[0] === 'istio' && DEFAULT_SELECTORS.includes(selector.istio);
}

/** Values each label key takes on the pod templates of the app, computed once per key. */
export function labelValues(model: MeshModel): (key: string) => string[] {
  const known = new Map<string, string[]>();
  return (key) => {
    let values = known.get(key);
    if (!values) {
      const set = new Set<string>();
      for (const p of model.allPodTemplates()) if (p.labels[key] !== undefined) set.add(p.labels[key]);
      values = [...set].sort();
      known.set(key, values);
    }
    return values;
  };
}

/** A `credentialName` as Istio resolves it: `name`, `kubernetes://name`, `kubernetes://ns/name`; undefined for `builtin://`. */
export function parseCredential(value: string, workloadNamespace: string): { namespace: string; name: string } | undefined {
  if (value.startsWith('builtin://')) return undefined;
  const rest = value.startsWith('kubernetes://') ? value.slice('kubernetes://'.length) : value;
  const slash = rest.indexOf('/');
  if (value.startsWith('kubernetes://') && slash >= 0) return { namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
  return { namespace: workloadNamespace, name: rest };
}
