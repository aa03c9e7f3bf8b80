import { RenderContext } from '../private/render-context';

/**
 * What a sidecar does with traffic to destinations that are not in the service registry
 * (neither a Kubernetes Service nor a ServiceEntry host): forward it (`ALLOW_ANY`, Istio's
 * default) or refuse it (`REGISTRY_ONLY`).
 *
 * Istio's `egressProxy` is not offered: Istio ignores it (`istioctl analyze` reports it as
 * IST0002). Send external traffic through an egress gateway instead
 * (`ServiceEntry.routeThroughEgressGateway()`).
 *
 * @example
 * OutboundTrafficPolicy.registryOnly();
 */
export class OutboundTrafficPolicy {
  /** Only destinations of the service registry are reachable; others are refused. */
  public static registryOnly(): OutboundTrafficPolicy {
    return new OutboundTrafficPolicy('REGISTRY_ONLY');
  }

  /** Destinations outside the registry are reachable too, passed through as they are. */
  public static allowAny(): OutboundTrafficPolicy {
    return new OutboundTrafficPolicy('ALLOW_ANY');
  }

  /** The mode: `REGISTRY_ONLY` or `ALLOW_ANY`. */
  public readonly mode: string;

  private constructor(mode: string) {
    this.mode = mode;
  }

  /**
   * Renders `outboundTrafficPolicy`.
   * @internal
   */
  public _render(_ctx: RenderContext): Record<string, any> {
    return { mode: this.mode };
  }
}
