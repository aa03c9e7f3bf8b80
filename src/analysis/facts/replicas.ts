import { isPlainObject, ObjectRecord } from '../manifest';
import { PodTemplateRecord } from '../model';
import { TrafficIndex } from './traffic-index';
import { TrafficPolicyRef } from '../resources/destinationrule';
import { objectAt, wrappedNumber } from '../resources/http-routes';

/** Workload kinds whose replica count is `spec.replicas` (default 1). */
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

/** Replicas a workload runs: its HPA's minReplicas, else spec.replicas (default 1); undefined when unknown. */
function replicasOf(owner: ObjectRecord, index: TrafficIndex): { count: number; how: string } | undefined {
  if (owner.kind === 'Pod') return { count: 1, how: 'a single Pod' };
  if (!REPLICATED.has(owner.kind)) return undefined; // DaemonSet, Job…: depends on the cluster
  const hpa = index.autoscalerOf(owner);
  if (hpa) {
    const min = isPlainObject(hpa.spec) ? hpa.spec.minReplicas : undefined;
    if (min !== undefined && typeof min !== 'number') return undefined;
    return { count: min ?? 1, how: `${owner.kind} ${owner.name} scaled by HorizontalPodAutoscaler ${hpa.name} from minReplicas ${min ?? '1 (default)'}` };
  }
  const replicas = isPlainObject(owner.spec) ? owner.spec.replicas : undefined;
  if (replicas !== undefined && typeof replicas !== 'number') return undefined;
  return { count: replicas ?? 1, how: `${owner.kind} ${owner.name} with ${replicas === undefined ? 'replicas unset (default 1)' : `replicas: ${replicas}`}` };
}

/** Total replicas behind a set of pod templates; undefined when any of them cannot be counted. */
export function totalReplicas(pods: PodTemplateRecord[], index: TrafficIndex): { count: number; how: string[] } | undefined {
  let count = 0;
  const how: string[] = [];
  for (const p of pods) {
    const r = replicasOf(p.owner, index);
    if (!r) return undefined;
    count += r.count;
    how.push(r.how);
  }
  return { count, how };
}

/** The policy's outlierDetection when it may eject every host with panic mode off. */
export function risky(p: TrafficPolicyRef): Record<string, any> | undefined {
  const od = objectAt(p.policy, 'outlierDetection');
  if (!od || od.maxEjectionPercent !== 100) return undefined;
  const minHealth = wrappedNumber(od, 'minHealthPercent') ?? 0;
  return minHealth > 0 ? undefined : od;
}
