/**
 * Where each workload kind keeps its pod template: the one table of these paths, read by the
 * analysis model (which pods a selector reaches) and by the constructs (which template a version
 * or an enrollment label is written into). It lives in the engine because the engine imports no
 * construct code; the construct layer imports it from here.
 */

/** Path of the pod template inside each workload kind (a Pod is its own template: `[]`). */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  // Argo Rollouts (argoproj.io): a Rollout holds a Deployment's template unless it references one.
  Rollout: ['spec', 'template'],
  Pod: [],
};

/** Every kind that holds a pod template: the `kinds` of the rules that check workloads. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);
