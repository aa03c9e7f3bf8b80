import { editDistance } from '../text';
import { EffectiveMtls, MtlsDecision } from './effective-mtls';
import { MeshModel } from '../model';
import { serviceAccountOf } from '../resources/workloads';
import { wildcardShape } from '../validation/authorizationpolicy';

/** The first decision on the listed ports (or any port) that is not STRICT. */
export function firstWeak(
  mtls: EffectiveMtls,
  namespace: string,
  labels: Record<string, string>,
  ports: number[] | undefined,
): { decision: MtlsDecision; port?: number } | undefined {
  const w = mtls.forWorkload(namespace, labels);
  if (ports) {
    for (const port of ports) {
      const d = w.ports.get(port) ?? w.workload;
      if (d.mode !== 'STRICT') return { decision: d, port };
    }
    return undefined;
  }
  if (w.workload.mode !== 'STRICT') return { decision: w.workload };
  for (const [port, d] of w.ports) if (d.mode !== 'STRICT') return { decision: d, port };
  return undefined;
}

/** Service accounts the pods of each namespace run as. */
export function accountsByNamespace(model: MeshModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const pod of model.allPodTemplates()) {
    const set = out.get(pod.namespace) ?? new Set<string>();
    set.add(serviceAccountOf(pod));
    out.set(pod.namespace, set);
  }
  return out;
}

/** Namespace and service account a principal / serviceAccounts value names, where they are written out in full. */
export function identityParts(attribute: string, value: string, policyNamespace: string): { namespace?: string; account?: string } {
  if (attribute === 'serviceAccount') {
    if (value.includes('*')) return {};
    const slash = value.indexOf('/');
    return slash < 0 ? { namespace: policyNamespace, account: value } : { namespace: value.slice(0, slash), account: value.slice(slash + 1) };
  }
  const shape = wildcardShape(value);
  if (shape === 'any' || shape === 'invalid') return {};
  const parts = (shape === 'leading' ? value.slice(1) : shape === 'trailing' ? value.slice(0, -1) : value).split('/');
  if (shape === 'none') {
    return parts.length === 5 && parts[1] === 'ns' && parts[3] === 'sa' ? { namespace: parts[2], account: parts[4] } : {};
  }
  if (shape === 'trailing') {
    // td/ns/<ns>/… : the namespace is complete when a segment follows it.
    return parts.length >= 4 && parts[1] === 'ns' ? { namespace: parts[2] } : {};
  }
  // Leading: …/ns/<ns>/sa/<sa> or …/sa/<sa>, read from the end.
  const n = parts.length;
  const out: { namespace?: string; account?: string } = {};
  if (n >= 2 && parts[n - 2] === 'sa') out.account = parts[n - 1];
  if (n >= 4 && parts[n - 4] === 'ns' && parts[n - 2] === 'sa') out.namespace = parts[n - 3];
  return out.account !== undefined && out.namespace !== undefined ? out : {};
}

export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(value, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(value.length / 3)) ? best : undefined;
}

