import { labelsMatch, MeshModel, PodTemplateRecord } from '../model';

/**
 * Labels Istio adds to every endpoint from the node it runs on (region, zone, subzone, node
 * name) or from the mesh (cluster, network). Pod templates do not carry them, so a subset that
 * selects on them cannot be judged from manifests; such keys are left out of the comparison.
 */
export const TOPOLOGY_LABELS = new Set([
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
  'topology.istio.io/cluster',
  'topology.istio.io/network',
  'kubernetes.io/hostname',
]);

/**
 * Pod templates indexed by namespace and `key=value` label, so that finding the pods of a
 * Service walks the shortest posting list of its selector instead of every pod template.
 */
export class PodLabelIndex {
  private readonly byLabel = new Map<string, PodTemplateRecord[]>();
  private readonly built = new Set<string>();

  constructor(private readonly model: MeshModel) {}

  public matching(namespace: string, selector: Record<string, string>): PodTemplateRecord[] {
    this.build(namespace);
    let shortest: PodTemplateRecord[] | undefined;
    for (const [k, v] of Object.entries(selector)) {
      const list = this.byLabel.get(key(namespace, k, v));
      if (!list) return [];
      if (!shortest || list.length < shortest.length) shortest = list;
    }
    return (shortest ?? []).filter((p) => labelsMatch(selector, p.labels));
  }

  private build(namespace: string): void {
    if (this.built.has(namespace)) return;
    this.built.add(namespace);
    for (const p of this.model.podTemplates(namespace)) {
      for (const [k, v] of Object.entries(p.labels)) {
        const id = key(namespace, k, v);
        const list = this.byLabel.get(id);
        if (list) list.push(p);
        else this.byLabel.set(id, [p]);
      }
    }
  }
}

function key(namespace: string, k: string, v: string): string {
  return `${namespace}\u0000${k}\u0000${v}`;
}
