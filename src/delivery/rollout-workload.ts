import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { RolloutScaleDown } from './rollout-scale-down';
import { isPlainObject } from '../analysis/manifest';
import { RenderContext } from '../private/render-context';

/** Options of a Rollout that references a Deployment instead of holding the pod template. */
export interface RolloutReferenceOptions {
  /**
   * What Argo Rollouts does with the referenced Deployment once the Rollout runs its pods.
   * @default RolloutScaleDown.PROGRESSIVELY
   */
  readonly scaleDown?: RolloutScaleDown;
}

/**
 * The pods an Argo `Rollout` runs: a Deployment's pod template moved into the Rollout (the
 * Deployment is then left out of the manifests), or a reference to a Deployment that stays
 * (`workloadRef`, for a migration from a Deployment).
 */
export abstract class RolloutWorkload {
  /**
   * The Rollout takes over the pod template, selector and replicas of a cdk8s-plus Deployment,
   * which is no longer emitted.
   */
  public static fromDeployment(deployment: kplus.Deployment): RolloutWorkload {
    return new MovedTemplate(deployment, () => ApiObject.of(deployment).toJson(), kplusSelector(deployment));
  }

  /** As `fromDeployment`, for a Deployment written as a plain cdk8s `ApiObject`. */
  public static fromDeploymentObject(deployment: ApiObject): RolloutWorkload {
    checkDeploymentObject('fromDeploymentObject', deployment);
    return new MovedTemplate(deployment, () => deployment.toJson(), objectSelector(deployment));
  }

  /**
   * The Rollout references a cdk8s-plus Deployment (`workloadRef`), which stays in the manifests
   * and is scaled down by Argo Rollouts as `scaleDown` says.
   */
  public static referenceDeployment(deployment: kplus.Deployment, options: RolloutReferenceOptions = {}): RolloutWorkload {
    const scaleDown = options.scaleDown ?? RolloutScaleDown.PROGRESSIVELY;
    return new ReferencedDeployment(deployment, () => ApiObject.of(deployment).toJson(), kplusSelector(deployment), scaleDown);
  }

  /** As `referenceDeployment`, for a Deployment written as a plain cdk8s `ApiObject`. */
  public static referenceDeploymentObject(deployment: ApiObject, options: RolloutReferenceOptions = {}): RolloutWorkload {
    checkDeploymentObject('referenceDeploymentObject', deployment);
    const scaleDown = options.scaleDown ?? RolloutScaleDown.PROGRESSIVELY;
    return new ReferencedDeployment(deployment, () => deployment.toJson(), objectSelector(deployment), scaleDown);
  }

  /**
   * The Deployment construct this workload stands for (to compare with the canary's versions).
   * @internal
   */
  public abstract readonly _construct: IConstruct;

  /**
   * Whether the Deployment stays in the manifests.
   * @internal
   */
  public abstract readonly _keepsDeployment: boolean;

  /** Made by the static factories only. */
  protected constructor() {}

  /**
   * The Deployment's manifest, read at synth.
   * @internal
   */
  public abstract _manifest(): any;

  /**
   * The namespace of the Deployment.
   * @internal
   */
  public _namespace(): string | undefined {
    const own = this._construct instanceof ApiObject ? this._construct.metadata.namespace : (this._construct as kplus.Deployment).metadata.namespace;
    return own ?? Chart.of(this._construct).namespace;
  }

  /**
   * The Deployment's selector, as it is now.
   * @internal
   */
  public abstract _readSelector(): DeploymentSelector;

  /**
   * The labels the Deployment selects its pods by; throws when it selects otherwise.
   * @internal
   */
  public _selector(ctx: RenderContext): Record<string, string> {
    const { labels, hasExpressions } = this._readSelector();
    if (Object.keys(labels).length === 0 || hasExpressions) {
      ctx.fail(
        'is a Deployment without spec.selector.matchLabels (or with matchExpressions)',
        'Argo Rollouts\' stable and canary subsets select the pods by these labels: give the Deployment a matchLabels selector.',
      );
    }
    return { ...labels };
  }

  /**
   * The Rollout spec fields that carry the pods (template or workloadRef, selector, replicas).
   * @param dropLabels pod template labels the Rollout's pods do not keep (a version label)
   * @internal
   */
  public abstract _renderSpec(ctx: RenderContext, dropLabels: string[]): Record<string, any>;
}

/** A Deployment's selector. */
interface DeploymentSelector {
  readonly labels: Record<string, string>;
  readonly hasExpressions: boolean;
}

function kplusSelector(d: kplus.Deployment): () => DeploymentSelector {
  return () => ({ labels: d.matchLabels, hasExpressions: d.matchExpressions.length > 0 });
}

function objectSelector(d: ApiObject): () => DeploymentSelector {
  return () => {
    const selector = d.toJson()?.spec?.selector;
    const labels: Record<string, string> = {};
    if (isPlainObject(selector) && isPlainObject(selector.matchLabels)) {
      for (const [k, v] of Object.entries(selector.matchLabels)) if (typeof v === 'string') labels[k] = v;
    }
    return { labels, hasExpressions: isPlainObject(selector) && Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0 };
  };
}

function checkDeploymentObject(factory: string, obj: ApiObject): void {
  if (obj.kind !== 'Deployment') {
    throw new Error(`RolloutWorkload.${factory}: ${obj.node.path} is a ${obj.kind}; Argo Rollouts takes over a Deployment only.`);
  }
}

/** Spec fields of a Deployment that mean the same in a Rollout. */
const SHARED_SPEC_FIELDS = ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds'];

class MovedTemplate extends RolloutWorkload {
  public readonly _keepsDeployment = false;

  constructor(public readonly _construct: IConstruct, private readonly manifest: () => any, private readonly selector: () => DeploymentSelector) {
    super();
  }

  public _manifest(): any {
    return this.manifest();
  }

  public _readSelector(): DeploymentSelector {
    return this.selector();
  }

  public _renderSpec(ctx: RenderContext, dropLabels: string[]): Record<string, any> {
    const spec = this.manifest()?.spec ?? {};
    const out: Record<string, any> = {};
    for (const f of SHARED_SPEC_FIELDS) if (spec[f] !== undefined) out[f] = spec[f];
    const selector = this._selector(ctx);
    out.selector = { matchLabels: selector };
    const template = JSON.parse(JSON.stringify(spec.template ?? {}));
    const labels = isPlainObject(template.metadata?.labels) ? template.metadata.labels : {};
    // A label the selector needs stays, whatever it is called.
    for (const l of dropLabels) if (!(l in selector)) delete labels[l];
    // The Rollout's pod template metadata holds labels and annotations only (its CRD schema).
    template.metadata = {
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(isPlainObject(template.metadata?.annotations) ? { annotations: template.metadata.annotations } : {}),
    };
    out.template = template;
    return out;
  }
}

class ReferencedDeployment extends RolloutWorkload {
  public readonly _keepsDeployment = true;

  constructor(
    public readonly _construct: IConstruct,
    private readonly manifest: () => any,
    private readonly selector: () => DeploymentSelector,
    private readonly scaleDown: RolloutScaleDown,
  ) {
    super();
  }

  public _manifest(): any {
    return this.manifest();
  }

  public _readSelector(): DeploymentSelector {
    return this.selector();
  }

  public _renderSpec(ctx: RenderContext): Record<string, any> {
    const m = this.manifest();
    const out: Record<string, any> = {};
    if (m?.spec?.replicas !== undefined) out.replicas = m.spec.replicas;
    out.selector = { matchLabels: this._selector(ctx) };
    out.workloadRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: m?.metadata?.name, scaleDown: this.scaleDown.value };
    return out;
  }
}
