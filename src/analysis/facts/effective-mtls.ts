
import { PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord } from '../manifest';
import { labelsMatch, MeshModel } from '../model';
import { workloadSelectorOf } from '../resources/selectors';
import { describeObject } from '../text';

/** The mTLS mode a sidecar's inbound side runs in. */
export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** Where an effective mode comes from, most specific first. */
export type MtlsLevel = 'port' | 'workload' | 'namespace' | 'mesh' | 'default';

/** The effective mode of a workload (or one of its ports) and the policy that set it. */
export interface MtlsDecision {
  readonly mode: MtlsMode;
  readonly level: MtlsLevel;
  /** The PeerAuthentication that set the mode; undefined for the built-in PERMISSIVE default. */
  readonly policy?: ObjectRecord;
  /** Path of the `mode` field that set it, inside `policy`. */
  readonly path?: PathSegments;
}

/** The mode and its per-port overrides for one set of pod labels. */
export interface WorkloadMtls {
  /** Mode of every port without a port-level override. */
  readonly workload: MtlsDecision;
  /** Port-level overrides of the workload policy (container port → decision), only where a mode is set. */
  readonly ports: ReadonlyMap<number, MtlsDecision>;
}

/** What Istio runs when no PeerAuthentication applies at any level. */
export const DEFAULT_MTLS: MtlsDecision = { mode: 'PERMISSIVE', level: 'default' };

const MODES = new Set(['STRICT', 'PERMISSIVE', 'DISABLE']);

/**
 * Effective PeerAuthentication mode, as Istio resolves it (`ComposePeerAuthentication`): a
 * workload policy (selector matching the pod labels, same namespace) over the namespace policy
 * (no selector) over the mesh policy (no selector, in the root namespace); a selector policy in
 * the root namespace is ignored. Each level with mode `UNSET` (or no mode) inherits
 * from the next; a port-level entry of the workload policy overrides the workload's mode for
 * that container port. Without any policy the mode is PERMISSIVE.
 *
 * When several policies compete at one level Istio keeps the oldest; manifests carry no
 * creation time, so the first one in input order is taken (peerauthentication-conflicting-policies
 * reports the competition).
 *
 * The policies are indexed once per model, workload policies by one label of their selector:
 * a lookup costs the policies filed under the pod's labels, never a scan of a namespace's policies.
 */
export class EffectiveMtls {
  /** The index of a model, built on first use and shared by every rule. */
  public static of(model: MeshModel): EffectiveMtls {
    return model.memo('EffectiveMtls', (m) => new EffectiveMtls(m));
  }

  public readonly rootNamespace: string;
  private readonly meshWide: ObjectRecord[] = [];
  private readonly ignored: ObjectRecord[] = [];
  private readonly namespaceWide = new Map<string, ObjectRecord[]>();
  private readonly selecting = new Map<string, ObjectRecord[]>();
  /** Workload policies by one label of their selector (namespace, key, value), so a pod looks up only policies that can match it. */
  private readonly byLabel = new Map<string, ObjectRecord[]>();
  private readonly selectors = new Map<ObjectRecord, Record<string, string>>();
  private readonly inputOrder = new Map<ObjectRecord, number>();
  private readonly namespaceModes = new Map<string, MtlsDecision>();

  constructor(model: MeshModel) {
    this.rootNamespace = model.rootNamespace;
    model.peerAuthentications().forEach((pa, i) => {
      const selector = workloadSelectorOf(pa);
      const first = Object.entries(selector)[0];
      if (first) {
        // Istio ignores workload-level (selector) policies in the root namespace.
        if (pa.namespace === this.rootNamespace) {
          this.ignored.push(pa);
        } else {
          push(this.selecting, pa.namespace, pa);
          push(this.byLabel, labelKey(pa.namespace, first[0], first[1]), pa);
          this.selectors.set(pa, selector);
          this.inputOrder.set(pa, i);
        }
      } else if (pa.namespace === this.rootNamespace) {
        this.meshWide.push(pa);
      } else {
        push(this.namespaceWide, pa.namespace, pa);
      }
    });
  }

  /** Selector-less policies of the root namespace, in input order (the first one applies). */
  public meshPolicies(): readonly ObjectRecord[] {
    return this.meshWide;
  }

  /** Selector-less policies of a namespace other than the root, in input order (the first one applies). */
  public namespacePolicies(namespace: string): readonly ObjectRecord[] {
    if (namespace === this.rootNamespace) return this.meshWide;
    return this.namespaceWide.get(namespace) ?? [];
  }

  /** Selector policies of the root namespace, which Istio ignores (workload policies belong in the workload's namespace). */
  public ignoredPolicies(): readonly ObjectRecord[] {
    return this.ignored;
  }

  /** Policies with a selector in a namespace. */
  public selectorPolicies(namespace: string): readonly ObjectRecord[] {
    return this.selecting.get(namespace) ?? [];
  }

  /** Workload policies of `namespace` whose selector matches `labels`, in input order (the first one applies). */
  public workloadPolicies(namespace: string, labels: Record<string, string>): ObjectRecord[] {
    // A policy is filed under one label of its selector; a pod can only match it if it carries that label.
    const found: ObjectRecord[] = [];
    for (const [k, v] of Object.entries(labels)) {
      for (const pa of this.byLabel.get(labelKey(namespace, k, v)) ?? []) {
        if (labelsMatch(this.selectors.get(pa)!, labels)) found.push(pa);
      }
    }
    return found.length > 1 ? found.sort((a, b) => this.inputOrder.get(a)! - this.inputOrder.get(b)!) : found;
  }

  /** The mesh-wide mode (root-namespace policy, else PERMISSIVE). */
  public meshMode(): MtlsDecision {
    const pa = this.meshWide[0];
    const mode = pa ? modeOf(mtlsBlock(pa), ['spec', 'mtls', 'mode']) : undefined;
    return pa && mode ? { mode: mode.mode, level: 'mesh', policy: pa, path: mode.path } : DEFAULT_MTLS;
  }

  /** The mode of a workload of `namespace` that no workload policy selects. */
  public namespaceMode(namespace: string): MtlsDecision {
    let found = this.namespaceModes.get(namespace);
    if (!found) {
      const pa = namespace === this.rootNamespace ? undefined : this.namespaceWide.get(namespace)?.[0];
      const mode = pa ? modeOf(mtlsBlock(pa), ['spec', 'mtls', 'mode']) : undefined;
      found = pa && mode ? { mode: mode.mode, level: 'namespace', policy: pa, path: mode.path } : this.meshMode();
      this.namespaceModes.set(namespace, found);
    }
    return found;
  }

  /** Mode of pods with `labels` in `namespace`, and the port-level overrides that apply to them. */
  public forWorkload(namespace: string, labels: Record<string, string>): WorkloadMtls {
    const pa = this.workloadPolicies(namespace, labels)[0];
    const inherited = this.namespaceMode(namespace);
    if (!pa) return { workload: inherited, ports: new Map() };
    const own = modeOf(mtlsBlock(pa), ['spec', 'mtls', 'mode']);
    const workload: MtlsDecision = own ? { mode: own.mode, level: 'workload', policy: pa, path: own.path } : inherited;
    const ports = new Map<number, MtlsDecision>();
    const portLevel = isPlainObject(pa.spec) && isPlainObject(pa.spec.portLevelMtls) ? pa.spec.portLevelMtls : {};
    for (const [key, value] of Object.entries(portLevel)) {
      if (!/^[0-9]+$/.test(key)) continue;
      const m = modeOf(value, ['spec', 'portLevelMtls', key, 'mode']);
      if (m) ports.set(Number(key), { mode: m.mode, level: 'port', policy: pa, path: m.path });
    }
    return { workload, ports };
  }

  /** Mode of container port `port` of pods with `labels` in `namespace`. */
  public modeAt(namespace: string, labels: Record<string, string>, port: number): MtlsDecision {
    const w = this.forWorkload(namespace, labels);
    return w.ports.get(port) ?? w.workload;
  }
}

function mtlsBlock(pa: ObjectRecord): unknown {
  return isPlainObject(pa.spec) ? pa.spec.mtls : undefined;
}

/** Reads `{ mode }` off a PeerAuthentication `mtls` block; undefined for UNSET, absent or unknown modes. */
function modeOf(block: unknown, path: PathSegments): { mode: MtlsMode; path: PathSegments } | undefined {
  if (!isPlainObject(block) || typeof block.mode !== 'string' || !MODES.has(block.mode)) return undefined;
  return { mode: block.mode as MtlsMode, path };
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

function push(map: Map<string, ObjectRecord[]>, key: string, value: ObjectRecord): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `STRICT (namespace PeerAuthentication shop/default)` for messages. */
export function describeDecision(d: MtlsDecision): string {
  switch (d.level) {
    case 'default':
      return `${d.mode} (no PeerAuthentication applies, so Istio's default)`;
    case 'port':
      return `${d.mode} (port-level setting of ${describeObject(d.policy!)})`;
    case 'workload':
      return `${d.mode} (workload ${describeObject(d.policy!)})`;
    case 'namespace':
      return `${d.mode} (namespace-wide ${describeObject(d.policy!)})`;
    case 'mesh':
      return `${d.mode} (mesh-wide ${describeObject(d.policy!)})`;
  }
}
