import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { isLabelKey, isLabelValue, namespaceNameFix, namespaceNameProblem } from '../analysis/validators/names';
import { MeshService } from '../mesh/mesh-service';
import { RenderContext } from '../private/render-context';

/**
 * The workloads (pods) a security policy applies to: an Istio `selector.matchLabels`.
 *
 * A policy with a selector applies only to pods of its own namespace that carry all the labels
 * (or, when it is in the mesh's root namespace, to such pods in every namespace). Without a
 * selector a policy applies to the whole namespace.
 *
 * @example
 * WorkloadSelector.fromMeshService(backend);          // app: <appLabel>
 * WorkloadSelector.fromWorkload(deployment);          // the workload's own pod selector
 * WorkloadSelector.fromLabels({ app: 'legacy' }, 'shop');
 */
export class WorkloadSelector {
  /**
   * The pods of a mesh service, in the service's namespace: those labelled `app: <appLabel>` for a
   * Service the MeshService creates, or the ones an adopted Service (`MeshServiceSource.fromService`
   * or `fromServiceObject`) selects, by its selector as it is at synth.
   *
   * Not for a service known only by its host (`MeshServiceSource.fromHost`): select its workloads
   * with `fromWorkload` or `fromLabels`.
   */
  public static fromMeshService(service: MeshService): WorkloadSelector {
    const labels = service._podLabels();
    if (labels === undefined) {
      throw new Error(
        `WorkloadSelector.fromMeshService(${service.node.path}): this MeshService stands for the host ${service.host}, so the library does not know its pods' labels. ` +
        'Use WorkloadSelector.fromWorkload(deployment) or WorkloadSelector.fromLabels({ ... }, namespace) instead.',
      );
    }
    const fix = service.appLabel === undefined
      ? `give the Service ${service.namespace}/${service.name} a selector, or select its pods with WorkloadSelector.fromWorkload() or fromLabels().`
      : undefined;
    return new WorkloadSelector(`MeshService ${service.node.path}`, service.namespace, labels, undefined, fix);
  }

  /**
   * The pods of a cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, Pod), in its
   * namespace. Uses the labels the workload selects its pods by (`matchLabels`), or, when it
   * has none, the labels of its pod template. Read when the policy is synthesized, so labels
   * added later (e.g. by `MeshService.addVersion`) count.
   */
  public static fromWorkload(workload: kplus.AbstractPod): WorkloadSelector {
    const namespace = workload.metadata.namespace ?? Chart.of(workload).namespace ?? 'default';
    return new WorkloadSelector(`${workload.kind} ${workload.node.path}`, namespace, () => {
      const selected = workload instanceof kplus.Workload ? workload.matchLabels : {};
      const own = withoutAddressLabel(workload.podMetadata.toJson().labels ?? {});
      // cdk8s-plus selects pods by an internal hash label; a policy reads better (and survives a
      // refactoring of the construct tree) with the workload's own labels, when they pick it alone.
      if (selected[CDK8S_ADDRESS_LABEL] !== undefined && Object.keys(own).length > 0 && selectsOnly(workload, own, namespace)) return own;
      if (Object.keys(selected).length > 0) return selected;
      return { ...(workload.podMetadata.toJson().labels ?? {}) };
    }, workload);
  }

  /**
   * The pods carrying all of `labels`.
   * @param labels label keys and values, at least one; no wildcards
   * @param namespace namespace of the pods; the policy is placed there
   * @default namespace - the policy's own namespace
   */
  public static fromLabels(labels: { [key: string]: string }, namespace?: string): WorkloadSelector {
    const entries = Object.entries(labels ?? {});
    if (entries.length === 0) {
      throw new Error('WorkloadSelector.fromLabels(): give at least one label, e.g. { app: \'reviews\' }. To apply a policy to a whole namespace, leave out the selector.');
    }
    for (const [k, v] of entries) {
      if (!isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v)) {
        throw new Error(
          `WorkloadSelector.fromLabels(): ${k}=${v} is not a valid Kubernetes label (wildcards are not allowed in a selector); ` +
          "use a key such as 'app' or 'example.com/tier' and a value of at most 63 letters, digits, '-', '_' or '.', e.g. { app: 'reviews' }.",
        );
      }
    }
    const nsProblem = namespace !== undefined ? namespaceNameProblem(namespace) : undefined;
    if (nsProblem) {
      throw new Error(`WorkloadSelector.fromLabels(): namespace ${nsProblem}; ${namespaceNameFix(namespace)}.`);
    }
    const copy = { ...labels };
    return new WorkloadSelector(`labels ${entries.map(([k, v]) => `${k}=${v}`).join(',')}`, namespace, () => ({ ...copy }));
  }

  /** Namespace of the selected pods, when known. */
  public readonly namespace?: string;

  /** @internal */
  public readonly _workload?: kplus.AbstractPod;
  /** @internal */
  public readonly _description: string;
  private readonly produceLabels: () => { [key: string]: string };
  private readonly noLabelsFix: string;

  private constructor(
    description: string, namespace: string | undefined, produce: () => { [key: string]: string }, workload?: kplus.AbstractPod, noLabelsFix?: string,
  ) {
    this._description = description;
    this.noLabelsFix = noLabelsFix ?? 'give the pod template a label or use WorkloadSelector.fromLabels().';
    this.namespace = namespace;
    this.produceLabels = produce;
    this._workload = workload;
  }

  /**
   * The labels as they are now.
   */
  public get labels(): { [key: string]: string } {
    return this.produceLabels();
  }

  /**
   * The `selector` of a policy; throws when the selected pods have no label to select them by.
   * @internal
   */
  public _render(ctx: RenderContext): { matchLabels: { [key: string]: string } } {
    const labels = this.produceLabels();
    if (Object.keys(labels).length === 0) {
      ctx.fail(`picks the pods of ${this._description}, which have no labels to select them by`, this.noLabelsFix);
    }
    return { matchLabels: labels };
  }

  /**
   * Container port numbers of the selected workload, or undefined when the selector is not a workload.
   * @internal
   */
  public _containerPorts(): number[] | undefined {
    if (!this._workload) return undefined;
    const ports = new Set<number>();
    for (const c of [...this._workload.containers, ...this._workload.initContainers]) {
      if (c.portNumber !== undefined) ports.add(c.portNumber);
      for (const p of c.ports) ports.add(p.number);
    }
    return [...ports].sort((a, b) => a - b);
  }
}

/** The label cdk8s-plus adds to select a workload's pods by its construct address. */
const CDK8S_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

function withoutAddressLabel(labels: { [key: string]: string }): { [key: string]: string } {
  const { [CDK8S_ADDRESS_LABEL]: _address, ...rest } = labels;
  return rest;
}

/** Whether no other cdk8s-plus pod or workload of the app in `namespace` carries all of `labels`. */
function selectsOnly(workload: kplus.AbstractPod, labels: { [key: string]: string }, namespace: string): boolean {
  for (const c of workload.node.root.node.findAll()) {
    if (c === workload || !(c instanceof kplus.AbstractPod)) continue;
    const otherNamespace = c.metadata.namespace ?? Chart.of(c).namespace ?? 'default';
    if (otherNamespace !== namespace) continue;
    const theirs = c.podMetadata.toJson().labels ?? {};
    if (Object.entries(labels).every(([k, v]) => theirs[k] === v)) return false;
  }
  return true;
}
