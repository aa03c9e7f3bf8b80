import { PathSegments } from './json-path';
import { isPlainObject, ManifestSource, ObjectRecord, stringMap, toRecord } from './manifest';
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

/** Where the pod template sits in each workload kind. */
const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

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
}

/**
 * Everything the rules look at, read once and indexed by kind, host, namespace and name,
 * so that cross-resource rules look things up instead of comparing every pair of objects.
 */
export class MeshModel {
  public readonly objects: ObjectRecord[];
  public readonly clusterDomain: string;
  /** Istio root namespace: selector-less policies there apply to the whole mesh. */
  public readonly rootNamespace: string;
  /** The field table of the Istio CRDs the objects are checked against. */
  public readonly schema: FieldTableLookup;
  /** The CEL rules of a CRD file, when one was given. */
  public readonly cel?: CelCheck;
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
    this.rootNamespace = options.rootNamespace ?? 'istio-system';
    this.schema = options.schema ?? ISTIO_FIELDS;
    this.cel = options.cel;
    this.objects = [];
    for (const source of sources) {
      const record = toRecord(source);
      if (!record) continue;
      this.objects.push(record);
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
   * (an object without namespace counts for `default`).
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
  if (o.kind !== 'Pod' && o.group !== 'apps' && o.group !== 'batch' && o.group !== '') return undefined;
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
