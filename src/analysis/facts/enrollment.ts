/**
 * How namespaces and pods join the mesh, read from labels the way Istio's injector and istioctl
 * read them, and the two namespace analyzers built on it: NamespaceNotInjected (IST0102) and
 * NamespaceMultipleInjectionLabels (IST0123).
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel, PodTemplateRecord } from '../model';
import { arrayOf } from '../resources/virtualservice';

/** Namespaces the injector never touches (Istio's `inject.IgnoredNamespaces`). */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

export const INJECTION = 'istio-injection';
export const REVISION = 'istio.io/rev';
export const DATAPLANE = 'istio.io/dataplane-mode';
const INJECT = 'sidecar.istio.io/inject';

/** How a namespace or a pod is enrolled. `undefined` for a pod means: as its namespace. */
export type Enrollment = 'sidecar' | 'ambient' | 'out' | 'none';

export interface EnrollmentReading {
  readonly mode: Enrollment;
  /** The label that decided, for messages (`istio-injection=enabled`). */
  readonly via?: string;
}

/** The enrollment a Namespace object's labels ask for. */
export function namespaceEnrollment(ns: ObjectRecord): EnrollmentReading {
  const l = ns.labels;
  if (l[INJECTION] !== undefined) {
    return l[INJECTION] === 'enabled' ? { mode: 'sidecar', via: `${INJECTION}=enabled` } : { mode: 'out', via: `${INJECTION}=${l[INJECTION]}` };
  }
  if (l[REVISION]) return { mode: 'sidecar', via: `${REVISION}=${l[REVISION]}` };
  if (l[DATAPLANE] === 'ambient') return { mode: 'ambient', via: `${DATAPLANE}=ambient` };
  if (l[DATAPLANE] !== undefined) return { mode: 'out', via: `${DATAPLANE}=${l[DATAPLANE]}` };
  return { mode: 'none' };
}

function templateMetadata(pod: PodTemplateRecord): Record<string, any> {
  let node: any = pod.owner.source.manifest;
  for (const seg of pod.labelsPath.slice(0, -2)) node = isPlainObject(node) ? node[seg] : undefined;
  return isPlainObject(node) && isPlainObject(node.metadata) ? node.metadata : {};
}

/** The enrollment a pod template's own labels (and the legacy inject annotation) ask for, if any. */
export function podEnrollment(pod: PodTemplateRecord): EnrollmentReading | undefined {
  const l = pod.labels;
  const meta = templateMetadata(pod);
  const annotations = isPlainObject(meta.annotations) ? meta.annotations : {};
  const inject = l[INJECT] ?? (typeof annotations[INJECT] === 'string' ? annotations[INJECT] : undefined);
  // Only the label reaches the injector's object selector; a "true" annotation alone enrols nothing.
  if (l[INJECT] === 'true') return { mode: 'sidecar', via: `${INJECT}: "true"` };
  if (inject !== undefined && inject.toLowerCase() === 'false') return { mode: 'out', via: `${INJECT}: "false"` };
  if (l[REVISION]) return { mode: 'sidecar', via: `${REVISION}=${l[REVISION]}` };
  if (l[DATAPLANE] === 'ambient') return { mode: 'ambient', via: `${DATAPLANE}=ambient` };
  if (l[DATAPLANE] !== undefined) return { mode: 'out', via: `${DATAPLANE}=${l[DATAPLANE]}` };
  return undefined;
}

/**
 * Whether the pods of a template run in ambient mode: the template says so, or it says nothing
 * and its Namespace object (when in the set) is ambient.
 */
export function podIsAmbient(model: MeshModel, pod: PodTemplateRecord): boolean {
  const own = podEnrollment(pod);
  if (own) return own.mode === 'ambient';
  const ns = model.namespaceObject(pod.namespace);
  return ns !== undefined && namespaceEnrollment(ns).mode === 'ambient';
}

/** Whether a Namespace object of the set puts the namespace in ambient mode (Istio's `NamespaceInAmbientMode`). */
export function namespaceIsAmbient(model: MeshModel, namespace: string): boolean {
  const ns = model.namespaceObject(namespace);
  return ns !== undefined && namespaceEnrollment(ns).mode === 'ambient';
}

/**
 * Namespaces the analysed Istio configuration is about, with the first objects that say so: any
 * `*.istio.io` object living there, and VirtualServices / DestinationRules naming a
 * `<service>.<namespace>.svc.<domain>` host.
 */
export function meshNamespaces(model: MeshModel): Map<string, ObjectRecord[]> {
  const out = new Map<string, ObjectRecord[]>();
  const note = (ns: string, o: ObjectRecord) => {
    const list = out.get(ns) ?? [];
    if (!list.includes(o) && list.length < 3) list.push(o);
    out.set(ns, list);
  };
  const suffix = `.svc.${model.clusterDomain}`;
  const hostNamespace = (host: unknown, owner: ObjectRecord) => {
    if (typeof host !== 'string') return;
    const fqdn = model.fqdn(host, owner.namespace);
    if (!fqdn.endsWith(suffix)) return;
    const parts = fqdn.slice(0, -suffix.length).split('.');
    if (parts.length === 2) note(parts[1], owner);
  };
  for (const o of model.objects) {
    if (!o.group.endsWith('istio.io') || o.group === 'install.istio.io') continue;
    note(o.namespace, o);
    if (!isPlainObject(o.spec)) continue;
    if (o.kind === 'VirtualService') arrayOf(o.spec.hosts).forEach((h) => hostNamespace(h, o));
    if (o.kind === 'DestinationRule') hostNamespace(o.spec.host, o);
  }
  return out;
}
