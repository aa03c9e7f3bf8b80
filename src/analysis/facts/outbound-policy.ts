/**
 * Outbound traffic under REGISTRY_ONLY: a sidecar forwards only to hosts of its service registry
 * (Kubernetes Services and ServiceEntries). A VirtualService that routes sidecar traffic to a host
 * outside the cluster that no ServiceEntry declares is then routed into a black hole for every
 * workload whose Sidecar (or the mesh config) says REGISTRY_ONLY.
 */

import { isPlainObject, ObjectRecord } from '../manifest';
import { meshConfigOf } from './mesh-config';
import { MeshModel, PodTemplateRecord } from '../model';
import { workloadSelectorOf } from '../resources/selectors';
import { arrayOf } from '../resources/virtualservice';
import { describeObject } from '../text';

type Mode = 'REGISTRY_ONLY' | 'ALLOW_ANY';

interface ModeSource {
  readonly mode: Mode;
  /** Why, for messages: `Sidecar shop/default sets REGISTRY_ONLY`. */
  readonly why: string;
}

/** The outbound policy a Sidecar sets itself (mode REGISTRY_ONLY is the proto default), or undefined. */
function sidecarMode(sc: ObjectRecord): ModeSource | undefined {
  const policy = isPlainObject(sc.spec) ? sc.spec.outboundTrafficPolicy : undefined;
  if (!isPlainObject(policy)) return undefined;
  const written = typeof policy.mode === 'string' && policy.mode !== '';
  const mode: Mode = written && policy.mode === 'ALLOW_ANY' ? 'ALLOW_ANY' : 'REGISTRY_ONLY';
  return { mode, why: written ? `${describeObject(sc)} sets outboundTrafficPolicy ${mode}` : `${describeObject(sc)} has an outboundTrafficPolicy without mode, which means REGISTRY_ONLY` };
}

/** The mesh-wide outbound policy: the mesh config's, else Istio's default ALLOW_ANY. */
function meshMode(model: MeshModel): ModeSource {
  const mc = meshConfigOf(model);
  const policy = mc && isPlainObject(mc.config.outboundTrafficPolicy) ? mc.config.outboundTrafficPolicy : undefined;
  if (policy && policy.mode === 'REGISTRY_ONLY') return { mode: 'REGISTRY_ONLY', why: `the mesh config (${mc!.label}) sets outboundTrafficPolicy REGISTRY_ONLY` };
  return { mode: 'ALLOW_ANY', why: 'the mesh default is ALLOW_ANY' };
}

/** Effective outbound modes of the app's callers, by namespace, computed once per model. */
export class OutboundModes {
  private readonly mesh: ModeSource;
  private readonly defaults = new Map<string, ObjectRecord>();
  private readonly byPod = new Map<PodTemplateRecord, ObjectRecord>();

  constructor(private readonly model: MeshModel) {
    this.mesh = meshMode(model);
    for (const sc of model.sidecars()) {
      const selector = workloadSelectorOf(sc);
      if (Object.keys(selector).length === 0) {
        if (!this.defaults.has(sc.namespace)) this.defaults.set(sc.namespace, sc);
        continue;
      }
      for (const pod of model.podTemplatesMatching(sc.namespace, selector)) if (!this.byPod.has(pod)) this.byPod.set(pod, sc);
    }
  }

  /** A Sidecar applies its own policy when it has one, else the mesh's. */
  private through(sc: ObjectRecord | undefined): ModeSource {
    if (!sc) return this.mesh;
    return sidecarMode(sc) ?? { mode: this.mesh.mode, why: `${describeObject(sc)} sets no outboundTrafficPolicy, so ${this.mesh.why}` };
  }

  /** The mode of a namespace's workloads without a workload Sidecar: namespace default, else the root namespace's, else the mesh's. */
  public namespaceMode(ns: string): ModeSource {
    return this.through(this.defaults.get(ns) ?? this.defaults.get(this.model.rootNamespace));
  }

  /** Namespaces where some caller is REGISTRY_ONLY, with the reason. */
  public blockedNamespaces(): Map<string, string> {
    const out = new Map<string, string>();
    for (const pod of this.model.allPodTemplates()) {
      const m = this.byPod.has(pod) ? this.through(this.byPod.get(pod)) : this.namespaceMode(pod.namespace);
      if (m.mode === 'REGISTRY_ONLY' && !out.has(pod.namespace)) out.set(pod.namespace, m.why);
    }
    for (const [ns, sc] of this.defaults) {
      const m = this.through(sc);
      if (m.mode === 'REGISTRY_ONLY' && !out.has(ns) && ns !== this.model.rootNamespace) out.set(ns, m.why);
    }
    return out;
  }

  public anyRegistryOnly(): boolean {
    if (this.mesh.mode === 'REGISTRY_ONLY') return true;
    return this.model.sidecars().some((sc) => sidecarMode(sc)?.mode === 'REGISTRY_ONLY');
  }
}

/** Namespaces a VirtualService is visible in: `all`, or the exportTo list (`.` is its own). */
export function visibility(vs: ObjectRecord): { all: boolean; namespaces: Set<string> } {
  const exportTo = arrayOf(isPlainObject(vs.spec) ? vs.spec.exportTo : undefined).filter((e): e is string => typeof e === 'string');
  if (exportTo.length === 0 || exportTo.includes('*')) return { all: true, namespaces: new Set() };
  return { all: false, namespaces: new Set(exportTo.map((e) => (e === '.' ? vs.namespace : e))) };
}
