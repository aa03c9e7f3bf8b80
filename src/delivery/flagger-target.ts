import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { isPlainObject } from '../analysis/manifest';

/**
 * The workload a Flagger `Canary` takes over (`targetRef`): Flagger copies it to
 * `<name>-primary`, which serves the stable traffic, and runs each new version of it as the canary.
 */
export class FlaggerTarget {
  /** A cdk8s-plus Deployment. */
  public static deployment(deployment: kplus.Deployment): FlaggerTarget {
    return new FlaggerTarget(deployment, 'Deployment', () => deployment.name, () => deployment.metadata.namespace, () => deployment.matchLabels,
      (labels) => deployment.select(kplus.LabelSelector.of({ labels })), (key) => deployment.podMetadata.getLabel(key));
  }

  /** A Deployment or DaemonSet written as a plain cdk8s `ApiObject`. */
  public static workloadObject(workload: ApiObject): FlaggerTarget {
    if (workload.kind !== 'Deployment' && workload.kind !== 'DaemonSet') {
      throw new Error(`FlaggerTarget.workloadObject: ${workload.node.path} is a ${workload.kind}; Flagger takes over a Deployment or a DaemonSet.`);
    }
    const selector = () => {
      const s = workload.toJson()?.spec?.selector;
      const out: Record<string, string> = {};
      if (isPlainObject(s) && isPlainObject(s.matchLabels)) for (const [k, v] of Object.entries(s.matchLabels)) if (typeof v === 'string') out[k] = v;
      return out;
    };
    return new FlaggerTarget(workload, workload.kind, () => workload.name, () => workload.metadata.namespace, selector, undefined, () => undefined);
  }

  /**
   * The workload construct.
   * @internal
   */
  public readonly _construct: IConstruct;
  /**
   * Its kind (`Deployment`, `DaemonSet`).
   * @internal
   */
  public readonly _kind: string;
  private readonly readName: () => string;
  private readonly readNamespace: () => string | undefined;
  private readonly readSelector: () => Record<string, string>;
  private readonly addSelector?: (labels: Record<string, string>) => void;
  private readonly readPodLabel: (key: string) => string | undefined;

  private constructor(
    construct: IConstruct,
    kind: string,
    name: () => string,
    namespace: () => string | undefined,
    selector: () => Record<string, string>,
    select: ((labels: Record<string, string>) => void) | undefined,
    podLabel: (key: string) => string | undefined,
  ) {
    this._construct = construct;
    this._kind = kind;
    this.readName = name;
    this.readNamespace = namespace;
    this.readSelector = selector;
    this.addSelector = select;
    this.readPodLabel = podLabel;
  }

  /**
   * A label of the workload's pod template, when it can be read here.
   * @internal
   */
  public _podLabel(key: string): string | undefined {
    return this.readPodLabel(key);
  }

  /**
   * Name of the workload.
   * @internal
   */
  public _name(): string {
    return this.readName();
  }

  /**
   * Namespace written on the workload, if any.
   * @internal
   */
  public _namespace(): string | undefined {
    return this.readNamespace();
  }

  /**
   * The labels its selector matches by.
   * @internal
   */
  public _selector(): Record<string, string> {
    return this.readSelector();
  }

  /**
   * Adds labels to its selector; false when the workload's selector cannot be changed here.
   * @internal
   */
  public _select(labels: Record<string, string>): boolean {
    if (!this.addSelector) return false;
    this.addSelector(labels);
    return true;
  }
}
