import { isPlainObject, ObjectRecord } from '../manifest';
import { labelsMatch, MeshModel, PodTemplateRecord } from '../model';
import { DestinationRef, destinationsOf } from '../resources/virtualservice';

/** A VirtualService destination, with the host it resolves to. */
export interface ResolvedDestination {
  readonly vs: ObjectRecord;
  readonly ref: DestinationRef;
  /** The destination host resolved in the VirtualService's namespace. */
  readonly fqdn: string;
  /** `destination.subset` when written. */
  readonly subset?: string;
}

/**
 * Indexes the resilience rules share, built once per model on first use: VirtualService
 * destinations by resolved host, pod templates by `key=value` label, and HorizontalPodAutoscalers
 * by their target. Rules look things up here instead of comparing every pair of objects.
 */
export class TrafficIndex {
  private _destinations?: Map<string, ResolvedDestination[]>;
  private readonly podsByLabel = new Map<string, PodTemplateRecord[]>();
  private readonly indexedNamespaces = new Set<string>();
  private _hpas?: Map<string, ObjectRecord>;

  constructor(private readonly model: MeshModel) {}

  /** Every VirtualService destination (route, mirror, mirrors) whose host resolves to `fqdn`. */
  public destinationsTo(fqdn: string): ResolvedDestination[] {
    if (!this._destinations) {
      this._destinations = new Map();
      for (const vs of this.model.virtualServices()) {
        for (const ref of destinationsOf(vs)) {
          const host = ref.destination.host;
          if (typeof host !== 'string' || host === '') continue;
          const resolved = this.model.fqdn(host, vs.namespace);
          const subset = typeof ref.destination.subset === 'string' && ref.destination.subset !== '' ? ref.destination.subset : undefined;
          const list = this._destinations.get(resolved) ?? [];
          list.push({ vs, ref, fqdn: resolved, subset });
          this._destinations.set(resolved, list);
        }
      }
    }
    return this._destinations.get(fqdn) ?? [];
  }

  /** Pod templates in `namespace` whose labels include every `selector` entry (walks the shortest posting list). */
  public podsSelectedBy(namespace: string, selector: Record<string, string>): PodTemplateRecord[] {
    if (!this.indexedNamespaces.has(namespace)) {
      this.indexedNamespaces.add(namespace);
      for (const p of this.model.podTemplates(namespace)) {
        for (const [k, v] of Object.entries(p.labels)) {
          const key = labelKey(namespace, k, v);
          const list = this.podsByLabel.get(key);
          if (list) list.push(p);
          else this.podsByLabel.set(key, [p]);
        }
      }
    }
    const entries = Object.entries(selector);
    if (entries.length === 0) return this.model.podTemplates(namespace);
    let shortest: PodTemplateRecord[] | undefined;
    for (const [k, v] of entries) {
      const list = this.podsByLabel.get(labelKey(namespace, k, v));
      if (!list) return [];
      if (!shortest || list.length < shortest.length) shortest = list;
    }
    return (shortest ?? []).filter((p) => labelsMatch(selector, p.labels));
  }

  /** The HorizontalPodAutoscaler scaling `workload`, when the analysed set has one. */
  public autoscalerOf(workload: ObjectRecord): ObjectRecord | undefined {
    if (!this._hpas) {
      this._hpas = new Map();
      for (const hpa of this.model.ofKind('autoscaling', 'HorizontalPodAutoscaler')) {
        const target = isPlainObject(hpa.spec) ? hpa.spec.scaleTargetRef : undefined;
        if (isPlainObject(target) && typeof target.kind === 'string' && typeof target.name === 'string') {
          this._hpas.set(`${hpa.namespace}/${target.kind}/${target.name}`, hpa);
        }
      }
    }
    return this._hpas.get(`${workload.namespace}/${workload.kind}/${workload.name}`);
  }
}

function labelKey(namespace: string, k: string, v: string): string {
  return `${namespace}\u0000${k}\u0000${v}`;
}

/** The {@link TrafficIndex} of a model (one per model, shared by all rules of a run). */
export function trafficIndex(model: MeshModel): TrafficIndex {
  return model.memo('trafficIndex', (m) => new TrafficIndex(m));
}
