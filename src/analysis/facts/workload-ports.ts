import { ObjectRecord } from '../manifest';
import { MeshModel, PodTemplateRecord } from '../model';
import { sidecarDisabled } from '../resources/workloads';

/** Path segments of a pod template's `spec` inside its owner. */
export function podSpecPath(pod: PodTemplateRecord): Array<string | number> {
  return [...pod.labelsPath.slice(0, -2), 'spec'];
}

/**
 * Whether the workload's pods get a sidecar as far as the manifests tell: not when the pod
 * template opts out (`sidecar.istio.io/inject: "false"`) or the namespace is labelled
 * `istio-injection: disabled` without a pod opt-in. Anything else counts as in the mesh, since this
 * library's users deploy into the mesh (istioctl, which sees the cluster, requires injection to be on).
 */
export function workloadInMesh(model: MeshModel, pod: PodTemplateRecord): boolean {
  if (sidecarDisabled(pod)) return false;
  const ns = model.namespaceObject(pod.namespace);
  if (ns?.labels['istio-injection'] === 'disabled') {
    return pod.labels['sidecar.istio.io/inject'] === 'true';
  }
  return true;
}

/** Whether the workload is part of Istio's own installation (istioctl skips these). */
export function isControlPlane(o: ObjectRecord): boolean {
  return o.labels.istio !== undefined || o.labels.release === 'istio';
}

/** `shop/reviews` for messages. */
export function serviceName(svc: ObjectRecord): string {
  return `${svc.namespace}/${svc.name}`;
}

/** UID of Istio's sidecar proxy; traffic of processes running as it bypasses the proxy. */
export const PROXY_UID = 1337;

/** Containers istioctl does not count: the proxy itself and the Istio operator. */
export const ISTIO_CONTAINERS = new Set(['istio-proxy', 'istio-operator']);
