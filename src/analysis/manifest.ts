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
  /** Namespace the object lives in: the declared one, else `default`. */
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

/** Reads the identity of a manifest; returns undefined for something that is not a k8s object. */
export function toRecord(source: ManifestSource): ObjectRecord | undefined {
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
    namespace: declaredNamespace ?? 'default',
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    spec: m.spec,
  };
}
