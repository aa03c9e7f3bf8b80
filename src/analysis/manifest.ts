/** One Kubernetes or Istio object handed to the analysis engine, with where it came from. */
export interface ManifestSource {
  /** The object as plain JSON (apiVersion, kind, metadata, spec, …). */
  readonly manifest: any;
  /**
   * Path of the cdk8s construct that emitted it.
   * @default - not made by a construct
   */
  readonly constructPath?: string;
  /**
   * File it was read from.
   * @default - not read from a file
   */
  readonly file?: string;
  /**
   * 1-based line of the document in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /**
   * Finds the 1-based line of a field inside the document, given its path segments
   * (e.g. `['spec', 'http', 1, 'retries']`). Lint sets this from the YAML parser.
   * @default - only the document line is known
   */
  readonly lineOf?: (segments: Array<string | number>) => number | undefined;
  /**
   * The kustomization that lists `file` as a patch (`patches`, `patchesStrategicMerge`,
   * `patchesJson6902`): the document changes an object kustomize builds and is not one itself.
   * Lint sets this from the kustomization files next to its inputs.
   * @default - not known to be a patch
   */
  readonly kustomizePatch?: string;
}

/** A manifest with the fields every rule needs already read off. */
export interface ObjectRecord {
  readonly source: ManifestSource;
  readonly apiVersion: string;
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** Namespace written on the object; undefined when none is written. */
  readonly declaredNamespace?: string;
  /**
   * Namespace the object lives in: the declared one, else the default namespace (`default`, or
   * `lint -n`). Cluster-scoped objects (see {@link isClusterScoped}) stay under `default` whatever
   * the default namespace, so that lookups of Namespaces and the like do not depend on it.
   */
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: any;
}

export function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a map of string values (labels, selectors), dropping anything that is not a string. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isPlainObject(v)) {
    for (const [k, val] of Object.entries(v)) {
      if (typeof val === 'string') out[k] = val;
    }
  }
  return out;
}

/**
 * Reads the identity of a manifest; returns undefined for something that is not a k8s object.
 * @param defaultNamespace namespace of a namespaced object that declares none
 */
export function toRecord(source: ManifestSource, defaultNamespace: string = 'default'): ObjectRecord | undefined {
  const m = source.manifest;
  if (!isPlainObject(m) || typeof m.kind !== 'string' || typeof m.apiVersion !== 'string') {
    return undefined;
  }
  const slash = m.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : m.apiVersion.slice(0, slash);
  const version = slash < 0 ? m.apiVersion : m.apiVersion.slice(slash + 1);
  const meta = isPlainObject(m.metadata) ? m.metadata : {};
  const declaredNamespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
  return {
    source,
    apiVersion: m.apiVersion,
    group,
    version,
    kind: m.kind,
    name: typeof meta.name === 'string' ? meta.name : '',
    declaredNamespace,
    namespace: declaredNamespace ?? (isClusterScoped(group, m.kind) ? 'default' : defaultNamespace),
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    spec: m.spec,
  };
}

/**
 * Kinds that live outside namespaces (the ones analysed manifests commonly hold): istioctl clears
 * their namespace, and a default namespace never applies to them.
 */
const CLUSTER_SCOPED_KINDS = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'networking.k8s.io/IngressClass', 'gateway.networking.k8s.io/GatewayClass', 'scheduling.k8s.io/PriorityClass',
  'apiregistration.k8s.io/APIService', 'node.k8s.io/RuntimeClass', 'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

/** Whether objects of this group and kind are cluster-scoped. */
export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(`${group}/${kind}`);
}
