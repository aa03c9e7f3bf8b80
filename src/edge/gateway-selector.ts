import * as kplus from 'cdk8s-plus-28';
import { isLabelKey, isLabelValue } from '../analysis/validators/names';
import { RenderContext } from '../private/render-context';

/**
 * The gateway proxies (pods) a Gateway configures: its `selector`. Istio looks for matching pods
 * in every namespace (unless istiod runs with `PILOT_SCOPE_GATEWAY_TO_NAMESPACE`, which limits
 * the search to the Gateway's namespace).
 *
 * @example
 * GatewaySelector.ingressGateway();               // istio: ingressgateway (Istio's default install)
 * GatewaySelector.egressGateway();                // istio: egressgateway
 * GatewaySelector.fromWorkload(myGatewayDeployment);
 * GatewaySelector.fromLabels({ app: 'internal-gateway' });
 */
export class GatewaySelector {
  /** Istio's default ingress gateway: pods labelled `istio: ingressgateway`. */
  public static ingressGateway(): GatewaySelector {
    return new GatewaySelector('the ingress gateway (istio: ingressgateway)', () => ({ istio: 'ingressgateway' }));
  }

  /** Istio's default egress gateway: pods labelled `istio: egressgateway`. */
  public static egressGateway(): GatewaySelector {
    return new GatewaySelector('the egress gateway (istio: egressgateway)', () => ({ istio: 'egressgateway' }));
  }

  /**
   * The pods of a gateway deployed in this app as a cdk8s-plus workload: the labels it selects
   * its pods by, or, without any, its pod template's labels. Read at synth, so labels added
   * later count.
   */
  public static fromWorkload(workload: kplus.Workload): GatewaySelector {
    return new GatewaySelector(`${workload.kind} ${workload.node.path}`, () => {
      const selected = workload.matchLabels;
      if (Object.keys(selected).length > 0) return { ...selected };
      return { ...(workload.podMetadata.toJson().labels ?? {}) };
    });
  }

  /**
   * The gateway pods carrying all of `labels`.
   * @param labels label keys and values, at least one; no wildcards
   */
  public static fromLabels(labels: { [key: string]: string }): GatewaySelector {
    const entries = Object.entries(labels ?? {});
    if (entries.length === 0) {
      throw new Error("GatewaySelector.fromLabels(): give at least one label, e.g. { istio: 'ingressgateway' }; a Gateway without a selector applies to no proxy.");
    }
    for (const [k, v] of entries) {
      if (!isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v) || v.includes('*')) {
        throw new Error(`GatewaySelector.fromLabels(): ${k}=${v} is not a valid Kubernetes label (wildcards are not allowed in a selector); use a key such as 'app' or 'example.com/tier' and a value of at most 63 letters, digits, '-', '_' or '.', e.g. { istio: 'ingressgateway' }.`);
      }
    }
    const copy = { ...labels };
    return new GatewaySelector(`labels ${entries.map(([k, v]) => `${k}=${v}`).join(',')}`, () => ({ ...copy }));
  }

  /** @internal */
  public readonly _description: string;
  private readonly produce: () => { [key: string]: string };

  private constructor(description: string, produce: () => { [key: string]: string }) {
    this._description = description;
    this.produce = produce;
  }

  /** The labels as they are now. */
  public get labels(): { [key: string]: string } {
    return this.produce();
  }

  /**
   * The `selector` of a Gateway; throws when the selected pods have no label.
   * @internal
   */
  public _render(ctx: RenderContext): { [key: string]: string } {
    const labels = this.produce();
    if (Object.keys(labels).length === 0) {
      ctx.fail(`picks the pods of ${this._description}, which have no labels to select them by`, 'give the pod template a label or use GatewaySelector.fromLabels().');
    }
    return labels;
  }
}
