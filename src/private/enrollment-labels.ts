import { ApiObject, ApiObjectMetadataDefinition, Chart, JsonPatch } from 'cdk8s';
import { escapePointer, POD_TEMPLATE_PATHS, podTemplateOf, workloadKindList } from './pod-templates';

/*
 * The labels Istio reads to decide how a namespace, a pod or a service joins the mesh, and the
 * plumbing to put them on the objects of an app. Internal to the platform constructs.
 */

/** Namespace label of the default revision's sidecar injector: `enabled` or `disabled`. */
export const INJECTION_LABEL = 'istio-injection';
/** Namespace or pod label naming the control-plane revision whose injector adds the sidecar. */
export const REVISION_LABEL = 'istio.io/rev';
/** Namespace or pod label for ambient mode: `ambient` enrolls, other values (`none`) do not. */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
/** Pod label overriding the namespace's injection decision: `"true"` or `"false"`. */
export const SIDECAR_INJECT_LABEL = 'sidecar.istio.io/inject';
/** Label on a namespace, service or pod naming the waypoint its traffic goes through (`none`: skip). */
export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
/** Namespace of the waypoint named by `istio.io/use-waypoint`, when it is not the resource's own. */
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
/** Gateway label: which traffic a waypoint handles (`service`, `workload`, `all`, `none`). */
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';

/** API version of the Kubernetes Gateway API objects Istio reads for waypoints. */
export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
/** The GatewayClass Istio provides for waypoint proxies. */
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';
/** Port of the HBONE listener every Istio waypoint has. */
export const HBONE_PORT = 15008;

/** Something whose labels the platform constructs read and add to. */
export interface LabelTarget {
  /** For messages, e.g. `Namespace shop (shop/ns)` or `the pod template of Deployment shop/api`. */
  readonly description: string;
  /** Namespace of the object (for a Namespace: its own name). */
  readonly namespace: string;
  /** The labels as they are now. */
  labels(): Record<string, string>;
  /** Adds labels (keys not yet present, or present with the same value). */
  addLabels(labels: Record<string, string>): void;
}

/** A target whose labels are a cdk8s metadata definition (cdk8s-plus resources, pod templates). */
export function metadataTarget(description: string, namespace: string, metadata: ApiObjectMetadataDefinition): LabelTarget {
  return {
    description,
    namespace,
    labels: () => ({ ...(metadata.toJson().labels ?? {}) }),
    addLabels: (labels) => {
      for (const [k, v] of Object.entries(labels)) metadata.addLabel(k, v);
    },
  };
}

/** A target whose labels are the metadata of a plain ApiObject (read back with its patches). */
export function objectTarget(description: string, namespace: string, obj: ApiObject): LabelTarget {
  return {
    description,
    namespace,
    labels: () => ({ ...(obj.toJson().metadata?.labels ?? {}) }),
    addLabels: (labels) => {
      for (const [k, v] of Object.entries(labels)) obj.metadata.addLabel(k, v);
    },
  };
}

/**
 * The pod template of a plain ApiObject workload (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob) or a bare Pod; labels are added with JSON patches, since the object's own
 * metadata is not the pods'.
 * @param where construct path and call, for errors
 */
export function podTemplateObjectTarget(where: string, obj: ApiObject): LabelTarget {
  const namespace = namespaceOfObject(obj);
  const path = POD_TEMPLATE_PATHS[obj.kind];
  if (!path) {
    throw new Error(`${where}: ${obj.node.path} is a ${obj.kind}; pass a ${workloadKindList()}, whose pod template Istio reads.`);
  }
  if (path.length === 0) {
    return objectTarget(`Pod ${obj.node.path}`, namespace, obj);
  }
  const template = (): any => {
    const node = podTemplateOf(obj.kind, obj.toJson());
    if (node === undefined) {
      throw new Error(`${where}: ${obj.node.path} has no pod template at ${path.join('.')}; give the ${obj.kind} a pod template first.`);
    }
    return node;
  };
  template();
  const pointer = '/' + path.join('/');
  return {
    description: `the pod template of ${obj.kind} ${obj.node.path}`,
    namespace,
    labels: () => ({ ...(template().metadata?.labels ?? {}) }),
    addLabels: (labels) => {
      const node = template();
      if (Object.keys(labels).length === 0) return;
      if (!node.metadata) {
        obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata`, { labels: { ...labels } }));
      } else if (!node.metadata.labels) {
        obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata/labels`, { ...labels }));
      } else {
        for (const [k, v] of Object.entries(labels)) {
          obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata/labels/${escapePointer(k)}`, v));
        }
      }
    },
  };
}

/** Namespace an ApiObject is written to: its own, else its chart's, else `default`. */
export function namespaceOfObject(obj: ApiObject): string {
  return obj.metadata.namespace ?? Chart.of(obj).namespace ?? 'default';
}

/**
 * Adds `wanted` to the target after checking the labels in `guarded`: each one the target
 * already carries must have the value `wanted` gives it (absent from `wanted` counts as a
 * conflict too). `advice` is appended to the error to say what to do instead.
 */
export function addGuardedLabels(where: string, target: LabelTarget, wanted: Record<string, string>, guarded: string[], advice: string): void {
  const current = target.labels();
  for (const key of guarded) {
    const have = current[key];
    if (have === undefined || wanted[key] === have) continue;
    const want = Object.entries(wanted).map(([k, v]) => `${k}=${v}`).join(', ');
    throw new Error(`${where}: ${target.description} already has label ${key}=${have}, which contradicts ${want}. ${advice}`);
  }
  const missing: Record<string, string> = {};
  for (const [k, v] of Object.entries(wanted)) if (current[k] !== v) missing[k] = v;
  target.addLabels(missing);
}
