import { PathSegments } from './json-path';
import { isClusterScoped, isPlainObject, ManifestSource, ObjectRecord, stringMap, toRecord } from './manifest';
import { MeshConfigSetting } from './mesh-config-file';
import { POD_TEMPLATE_PATHS } from './resources/pod-template-paths';
import { FieldTableLookup, ISTIO_FIELDS } from './schema/field-table';

/**
 * What the model needs of a CRD file's CEL rules (`crd/cel-validation.ts` provides it), declared
 * here so that the model does not depend on the CEL evaluator.
 */
export interface CelCheck {
  validate(object: ObjectRecord): ReadonlyArray<{ readonly path: PathSegments; readonly message: string; readonly fix: string }>;
}

export const NETWORKING_GROUP = 'networking.istio.io';
export const SECURITY_GROUP = 'security.istio.io';
export const TELEMETRY_GROUP = 'telemetry.istio.io';

/** A pod template found in a workload (or a bare Pod), with the labels its pods will carry. */
export interface PodTemplateRecord {
  readonly owner: ObjectRecord;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Path segments of the template's metadata.labels inside the owner. */
  readonly labelsPath: Array<string | number>;
  readonly podSpec: any;
}

export interface ModelOptions {
  /** Kubernetes cluster DNS domain. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** Istio root namespace (mesh-wide policies live there). @default 'istio-system' */
  readonly rootNamespace?: string;
  /**
   * The field table the schema rules check against: the CRDs of the Istio version the cluster
   * runs (`lint --crds FILE`, Mesh `crdFile`). @default - the built-in table
   */
  readonly schema?: FieldTableLookup;
  /** The CEL rules of those CRDs, for `schema-cel-validation`. @default - CEL rules are not run */
  readonly cel?: CelCheck;
  /**
   * Namespace of namespaced objects that declare none (`istioctl analyze -n`, `kubectl apply -n`).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * The mesh config given from outside the manifests (`lint --mesh-config`): it takes precedence
   * over a mesh config ConfigMap or IstioOperator among them, and its rootNamespace and trustDomain
   * apply unless `rootNamespace`/`trustDomain` are given. @default - the one in the manifests, else Istio's defaults
   */
  readonly meshConfig?: MeshConfigSetting;
  /** Trust domain of the mesh's workload identities. @default - the mesh config's, else 'cluster.local' */
  readonly trustDomain?: string;
}

/**
 * The key under which Istio's file source stores an object: API group, kind, namespace and name.
 * The version is left out because istioctl maps every served version of a kind (v1, v1beta1,
 * v1alpha3) to one schema, so a v1 and a v1beta1 copy of one VirtualService are one object.
 * Cluster-scoped objects have no namespace there.
 */
export function objectKey(record: ObjectRecord): string {
  const namespace = isClusterScoped(record.group, record.kind) ? '' : record.namespace;
  return nameKey(record.group, record.kind, namespace, record.name);
}

/**
 * Everything the rules look at, read once and indexed by kind, host, namespace and name,
 * so that cross-resource rules look things up instead of comparing every pair of objects.
 */
export class MeshModel {
  /** The objects analysed: one per kind and namespace/name, the last one read (see `shadowedBy`). */
  public readonly objects: ObjectRecord[];
  /**
   * Earlier copies of an object that a later one with the same group, kind, namespace and name
   * replaced, keyed by the copy that was kept, in input order. istioctl analyze keeps only the
   * last object it reads under one key (and `kubectl apply` leaves the last one applied), so the
   * shadowed copies are not analysed.
   */
  public readonly shadowedBy: ReadonlyMap<ObjectRecord, readonly ObjectRecord[]>;
  /**
   * Kustomize patch documents set aside, in input order: they change objects kustomize builds and
   * are not objects of their own, so they are neither analysed nor allowed to replace an object.
   */
  public readonly skippedPatches: readonly SkippedPatch[];
  public readonly clusterDomain: string;
  /** Istio root namespace: selector-less policies there apply to the whole mesh. */
  public readonly rootNamespace: string;
  /** The field table of the Istio CRDs the objects are checked against. */
  public readonly schema: FieldTableLookup;
  /** The CEL rules of a CRD file, when one was given. */
  public readonly cel?: CelCheck;
  /** Namespace of namespaced objects that declare none. */
  public readonly defaultNamespace: string;
  /** Trust domain of the mesh's workload identities (SPIFFE ids `<trustDomain>/ns/<ns>/sa/<sa>`). */
  public readonly trustDomain: string;
  /** The mesh config given from outside the manifests, which rules prefer to one found among them. */
  public readonly meshConfig?: MeshConfigSetting;
  private readonly byKind = new Map<string, ObjectRecord[]>();
  private _services?: Map<string, ObjectRecord>;
  private _destinationRules?: Map<string, ObjectRecord[]>;
  private _podTemplates?: Map<string, PodTemplateRecord[]>;
  private _allPodTemplates?: PodTemplateRecord[];
  private _byName?: Map<string, ObjectRecord>;
  private _podLabelIndex?: Map<string, PodTemplateRecord[]>;
  private _servicesByNamespace?: Map<string, ObjectRecord[]>;
  private _namespaceNames?: Set<string>;
  private readonly memos = new Map<string, unknown>();

  constructor(sources: ManifestSource[], options: ModelOptions = {}) {
    this.clusterDomain = options.clusterDomain ?? 'cluster.local';
    this.schema = options.schema ?? ISTIO_FIELDS;
    this.cel = options.cel;
    const given = options.meshConfig?.config;
    this.meshConfig = options.meshConfig;
    this.rootNamespace = options.rootNamespace ?? stringField(given, 'rootNamespace') ?? 'istio-system';
    this.trustDomain = options.trustDomain ?? stringField(given, 'trustDomain') ?? 'cluster.local';
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    const records: ObjectRecord[] = [];
    const patches: SkippedPatch[] = [];
    for (const source of sources) {
      const record = toRecord(source, this.defaultNamespace);
      if (!record) continue;
      const patch = patchOf(record);
      if (patch) patches.push(patch);
      else records.push(record);
    }
    this.skippedPatches = patches;
    const { kept, shadowed } = keepLastOfEachKey(records);
    this.objects = kept;
    this.shadowedBy = shadowed;
    for (const record of kept) {
      const key = kindKey(record.group, record.kind);
      let list = this.byKind.get(key);
      if (!list) {
        list = [];
        this.byKind.set(key, list);
      }
      list.push(record);
    }
  }

  /**
   * A value computed from the whole model once and shared by every rule that asks for it (an
   * index, the findings of one walk that several rules split between them). `key` names the
   * computation; it must be unique per compute function, so use the name of the module's export.
   */
  public memo<T>(key: string, compute: (model: MeshModel) => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute(this);
    this.memos.set(key, value);
    return value;
  }

  /** Objects of one kind in one API group (`''` for core Kubernetes kinds, `apps` for Deployments…). */
  public ofKind(group: string, kind: string): ObjectRecord[] {
    return this.byKind.get(kindKey(group, kind)) ?? [];
  }

  public virtualServices(): ObjectRecord[] {
    return this.ofKind(NETWORKING_GROUP, 'VirtualService');
  }

  public destinationRules(): ObjectRecord[] {
    return this.ofKind(NETWORKING_GROUP, 'DestinationRule');
  }

  public gateways(): ObjectRecord[] {
    return this.ofKind(NETWORKING_GROUP, 'Gateway');
  }

  /** Finds an object by group, kind, namespace and name. */
  public find(group: string, kind: string, namespace: string, name: string): ObjectRecord | undefined {
    if (!this._byName) {
      this._byName = new Map();
      for (const o of this.objects) {
        this._byName.set(nameKey(o.group, o.kind, o.namespace, o.name), o);
      }
    }
    return this._byName.get(nameKey(group, kind, namespace, name));
  }

  /**
   * Resolves a host as Istio does for a config in `namespace`: a short name (no dot) becomes
   * `<name>.<namespace>.svc.<clusterDomain>`; anything else is taken as written.
   */
  public fqdn(host: string, namespace: string): string {
    if (host.includes('.') || host.includes('*') || host === '') {
      return host;
    }
    return `${host}.${namespace}.svc.${this.clusterDomain}`;
  }

  /** Kubernetes Services by their cluster-local FQDN. */
  public serviceForHost(fqdn: string): ObjectRecord | undefined {
    if (!this._services) {
      this._services = new Map();
      for (const svc of this.ofKind('', 'Service')) {
        this._services.set(`${svc.name}.${svc.namespace}.svc.${this.clusterDomain}`, svc);
      }
    }
    return this._services.get(fqdn);
  }

  /**
   * DestinationRules whose host applies to `fqdn`: an exact match, or the most specific wildcard
   * (`*.ns.svc.cluster.local`, `*`) when no exact one exists, as Istio picks them.
   */
  public destinationRulesForHost(fqdn: string): ObjectRecord[] {
    if (!this._destinationRules) {
      this._destinationRules = new Map();
      for (const dr of this.destinationRules()) {
        const host = isPlainObject(dr.spec) && typeof dr.spec.host === 'string' ? dr.spec.host : undefined;
        if (!host) continue;
        const key = this.fqdn(host, dr.namespace);
        const list = this._destinationRules.get(key) ?? [];
        list.push(dr);
        this._destinationRules.set(key, list);
      }
    }
    const exact = this._destinationRules.get(fqdn);
    if (exact) return exact;
    // Walk up the wildcard chain: a.b.c → *.b.c → *.c → *
    const parts = fqdn.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const wildcard = i === parts.length ? '*' : `*.${parts.slice(i).join('.')}`;
      const found = this._destinationRules.get(wildcard);
      if (found) return found;
    }
    return [];
  }

  /** Pod templates of all workloads, by namespace. */
  public podTemplates(namespace: string): PodTemplateRecord[] {
    if (!this._podTemplates) {
      this._podTemplates = new Map();
      for (const template of this.allPodTemplates()) {
        const list = this._podTemplates.get(template.namespace) ?? [];
        list.push(template);
        this._podTemplates.set(template.namespace, list);
      }
    }
    return this._podTemplates.get(namespace) ?? [];
  }

  /** Whether any workload or pod is in the analysed set (rules about pods need some to judge). */
  public hasWorkloads(): boolean {
    return this.allPodTemplates().length > 0;
  }

  public peerAuthentications(): ObjectRecord[] {
    return this.ofKind(SECURITY_GROUP, 'PeerAuthentication');
  }

  public authorizationPolicies(): ObjectRecord[] {
    return this.ofKind(SECURITY_GROUP, 'AuthorizationPolicy');
  }

  public requestAuthentications(): ObjectRecord[] {
    return this.ofKind(SECURITY_GROUP, 'RequestAuthentication');
  }

  /**
   * Every pod template of the analysed set, in input order. Read once per model: every index
   * hands out these same records, so rules can key maps by them.
   */
  public allPodTemplates(): PodTemplateRecord[] {
    if (!this._allPodTemplates) {
      this._allPodTemplates = [];
      for (const o of this.objects) {
        const t = podTemplateOf(o);
        if (t) this._allPodTemplates.push(t);
      }
    }
    return this._allPodTemplates;
  }

  /** Whether the analysed set holds a workload or pod in `namespace`. */
  public hasWorkloadsIn(namespace: string): boolean {
    return this.podTemplates(namespace).length > 0;
  }

  /**
   * Pod templates of `namespace` whose labels carry every `key=value` of `selector`, found through
   * an index by label (the shortest posting list of the selector is scanned, not every pod).
   * An empty selector selects every pod template of the namespace.
   */
  public podTemplatesMatching(namespace: string, selector: Record<string, string>): PodTemplateRecord[] {
    const entries = Object.entries(selector);
    if (entries.length === 0) return this.podTemplates(namespace);
    if (!this._podLabelIndex) {
      this._podLabelIndex = new Map();
      for (const p of this.allPodTemplates()) {
        for (const [k, v] of Object.entries(p.labels)) {
          const id = labelKey(p.namespace, k, v);
          const list = this._podLabelIndex.get(id);
          if (list) list.push(p);
          else this._podLabelIndex.set(id, [p]);
        }
      }
    }
    let shortest: PodTemplateRecord[] | undefined;
    for (const [k, v] of entries) {
      const list = this._podLabelIndex.get(labelKey(namespace, k, v));
      if (!list) return [];
      if (!shortest || list.length < shortest.length) shortest = list;
    }
    return (shortest ?? []).filter((p) => labelsMatch(selector, p.labels));
  }

  /** Kubernetes Services of one namespace. */
  public servicesIn(namespace: string): ObjectRecord[] {
    if (!this._servicesByNamespace) {
      this._servicesByNamespace = new Map();
      for (const svc of this.ofKind('', 'Service')) {
        const list = this._servicesByNamespace.get(svc.namespace);
        if (list) list.push(svc);
        else this._servicesByNamespace.set(svc.namespace, [svc]);
      }
    }
    return this._servicesByNamespace.get(namespace) ?? [];
  }

  /**
   * Namespaces the analysed set knows: those of Namespace objects and those any object lives in
   * (an object without namespace counts for the default namespace).
   */
  public namespaceNames(): Set<string> {
    if (!this._namespaceNames) {
      const names = new Set<string>();
      for (const o of this.objects) {
        if (o.group === '' && o.kind === 'Namespace') {
          if (o.name) names.add(o.name);
        } else {
          names.add(o.namespace);
        }
      }
      this._namespaceNames = names;
    }
    return this._namespaceNames;
  }

  public serviceEntries(): ObjectRecord[] {
    return this.ofKind(NETWORKING_GROUP, 'ServiceEntry');
  }

  /**
   * ServiceEntries declaring `fqdn`: those listing it (hosts are qualified against the
   * ServiceEntry's namespace, as istioctl does), else those whose most specific wildcard host
   * (`*.example.com`) covers it. `exportTo` is not applied.
   */
  public serviceEntriesForHost(fqdn: string): ObjectRecord[] {
    const index = this.memo('model.serviceEntriesForHost', () => {
      const exact = new Map<string, ObjectRecord[]>();
      const wildcard = new Map<string, ObjectRecord[]>();
      for (const se of this.serviceEntries()) {
        const hosts = isPlainObject(se.spec) && Array.isArray(se.spec.hosts) ? se.spec.hosts : [];
        for (const h of hosts) {
          if (typeof h !== 'string' || h === '') continue;
          const target = h.startsWith('*') ? wildcard : exact;
          const key = h.startsWith('*') ? h : this.fqdn(h, se.namespace);
          const list = target.get(key);
          if (list) list.push(se);
          else target.set(key, [se]);
        }
      }
      return { exact, wildcard };
    });
    const found = index.exact.get(fqdn);
    if (found) return found;
    const parts = fqdn.split('.');
    for (let i = fqdn.startsWith('*') ? 1 : 0; i <= parts.length; i++) {
      const candidate = i === parts.length ? '*' : i === 0 ? fqdn : `*.${parts.slice(i).join('.')}`;
      const list = index.wildcard.get(candidate);
      if (list) return list;
    }
    return [];
  }

  /**
   * Pod templates of every namespace whose labels carry every `key=value` of `selector` (a
   * gateway selector reaches all namespaces); every pod template for an empty selector.
   */
  public podTemplatesMatchingAnywhere(selector: Record<string, string>): PodTemplateRecord[] {
    const entries = Object.entries(selector);
    if (entries.length === 0) return this.allPodTemplates();
    const index = this.memo('model.podTemplatesMatchingAnywhere', () => {
      const byLabel = new Map<string, PodTemplateRecord[]>();
      for (const p of this.allPodTemplates()) {
        for (const [k, v] of Object.entries(p.labels)) {
          const id = `${k}\u0000${v}`;
          const list = byLabel.get(id);
          if (list) list.push(p);
          else byLabel.set(id, [p]);
        }
      }
      return byLabel;
    });
    let shortest: PodTemplateRecord[] | undefined;
    for (const [k, v] of entries) {
      const list = index.get(`${k}\u0000${v}`);
      if (!list) return [];
      if (!shortest || list.length < shortest.length) shortest = list;
    }
    return (shortest ?? []).filter((p) => labelsMatch(selector, p.labels));
  }

  /** The Namespace object named `name`, when the analysed set holds one. */
  public namespaceObject(name: string): ObjectRecord | undefined {
    return this.find('', 'Namespace', 'default', name);
  }

  /**
   * Services (with a selector) that select the pods of `pod`, for a pod template taken from any
   * of the model's lists (keyed by the workload, so record identity does not matter).
   */
  public servicesSelecting(pod: PodTemplateRecord): ObjectRecord[] {
    const index = this.memo('model.servicesSelecting', () => {
      const byOwner = new Map<ObjectRecord, ObjectRecord[]>();
      for (const svc of this.ofKind('', 'Service')) {
        const selector = isPlainObject(svc.spec) ? stringMap(svc.spec.selector) : {};
        if (Object.keys(selector).length === 0) continue;
        for (const p of this.podTemplatesMatching(svc.namespace, selector)) {
          const list = byOwner.get(p.owner);
          if (list) list.push(svc);
          else byOwner.set(p.owner, [svc]);
        }
      }
      return byOwner;
    });
    return index.get(pod.owner) ?? [];
  }

  /** `networking.istio.io` Sidecars, in input order. */
  public sidecars(): ObjectRecord[] {
    return this.ofKind(NETWORKING_GROUP, 'Sidecar');
  }
}

/** A kustomize patch document the model set aside. */
export interface SkippedPatch {
  readonly record: ObjectRecord;
  /** Why it is a patch, for messages. */
  readonly reason: string;
  /** The field that shows it (a `$patch` directive), empty for the whole document. */
  readonly path: Array<string | number>;
}

/**
 * Keys of kustomize's (and kubectl's) strategic-merge patch directives. No Kubernetes or Istio
 * object has such a field, so a document holding one is a patch.
 */
function isPatchDirective(key: string): boolean {
  if (key.charCodeAt(0) !== 36 /* $ */) return false;
  return key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/');
}

/** Free-form fields whose keys are the user's (Envoy config, Wasm plugin config), not searched for directives. */
const FREE_FORM_FIELDS: Record<string, (path: Array<string | number>) => boolean> = {
  EnvoyFilter: (p) => p.length === 5 && p[0] === 'spec' && p[1] === 'configPatches' && p[3] === 'patch' && p[4] === 'value',
  WasmPlugin: (p) => p.length === 2 && p[0] === 'spec' && p[1] === 'pluginConfig',
};

/**
 * Path of the first strategic-merge directive in `node`, or undefined when it has none. Walks
 * with one shared path stack: every object of the input is searched, so nothing is allocated per
 * node.
 */
function findPatchDirective(node: unknown, kind: string): Array<string | number> | undefined {
  const freeForm = FREE_FORM_FIELDS[kind];
  const at: Array<string | number> = [];
  const walk = (n: unknown): boolean => {
    if (freeForm?.(at)) return false;
    if (Array.isArray(n)) {
      for (let i = 0; i < n.length; i++) {
        at.push(i);
        if (walk(n[i])) return true;
        at.pop();
      }
      return false;
    }
    if (!isPlainObject(n)) return false;
    for (const key in n) {
      at.push(key);
      if (isPatchDirective(key) || walk(n[key])) return true;
      at.pop();
    }
    return false;
  };
  return walk(node) ? at : undefined;
}

/**
 * Whether a record is a kustomize patch document: its file is listed as a patch by a
 * kustomization, or it holds a strategic-merge directive (`$patch: delete`, `$patch: replace`, …).
 */
function patchOf(record: ObjectRecord): SkippedPatch | undefined {
  if (record.source.kustomizePatch !== undefined) {
    return { record, reason: `${record.source.kustomizePatch} lists its file as a patch`, path: [] };
  }
  const directive = findPatchDirective(record.source.manifest, record.kind);
  if (!directive) return undefined;
  let value: unknown = record.source.manifest;
  for (const seg of directive) value = (value as any)[seg];
  const shown = typeof value === 'string' ? `${String(directive[directive.length - 1])}: ${value}` : String(directive[directive.length - 1]);
  return { record, reason: `it holds the strategic-merge patch directive "${shown}"`, path: directive };
}

/** A non-empty string field of a mesh config, if written. */
function stringField(config: Record<string, any> | undefined, key: string): string | undefined {
  const v = config?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Keeps the last record of each object key, in input order, and groups the earlier ones under the
 * record that replaced them. Objects without a name are all kept: they are not the same object
 * (each one is an error of its own).
 */
function keepLastOfEachKey(records: ObjectRecord[]): { kept: ObjectRecord[]; shadowed: Map<ObjectRecord, ObjectRecord[]> } {
  const last = new Map<string, ObjectRecord>();
  for (const r of records) {
    if (r.name !== '') last.set(objectKey(r), r);
  }
  const kept: ObjectRecord[] = [];
  const shadowed = new Map<ObjectRecord, ObjectRecord[]>();
  for (const r of records) {
    const winner = r.name === '' ? r : last.get(objectKey(r))!;
    if (winner === r) {
      kept.push(r);
      continue;
    }
    const list = shadowed.get(winner);
    if (list) list.push(r);
    else shadowed.set(winner, [r]);
  }
  return { kept, shadowed };
}

function labelKey(namespace: string, k: string, v: string): string {
  return `${namespace}\u0000${k}\u0000${v}`;
}

function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

function nameKey(group: string, kind: string, namespace: string, name: string): string {
  return `${group}/${kind}/${namespace}/${name}`;
}

/** Reads the pod template of a workload kind, or the pod itself. */
export function podTemplateOf(o: ObjectRecord): PodTemplateRecord | undefined {
  const path = POD_TEMPLATE_PATHS[o.kind];
  if (!path) return undefined;
  if (o.kind !== 'Pod' && o.group !== 'apps' && o.group !== 'batch' && o.group !== '' && !(o.group === 'argoproj.io' && o.kind === 'Rollout')) return undefined;
  let node: any = o.source.manifest;
  for (const seg of path) {
    node = isPlainObject(node) ? node[seg] : undefined;
  }
  if (!isPlainObject(node)) return undefined;
  const meta = isPlainObject(node.metadata) ? node.metadata : {};
  const labels: Record<string, string> = {};
  if (isPlainObject(meta.labels)) {
    for (const [k, v] of Object.entries(meta.labels)) {
      if (typeof v === 'string') labels[k] = v;
    }
  }
  return {
    owner: o,
    namespace: o.namespace,
    labels,
    labelsPath: [...path, 'metadata', 'labels'],
    podSpec: node.spec,
  };
}

/** True when every key/value of `selector` is present in `labels`. */
export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector)) {
    if (labels[k] !== v) return false;
  }
  return true;
}
