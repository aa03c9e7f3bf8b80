import { dnsNameProblem } from './hosts';
import { isDns1123Label } from '../analysis/validators/names';

/** An HTTP proxy that traffic to unknown destinations is sent to (`ALLOW_ANY` only). */
export interface EgressProxy {
  /** Host of the proxy, a service of the registry (a Kubernetes Service or a ServiceEntry host). */
  readonly host: string;

  /** Port of the proxy. */
  readonly port: number;

  /**
   * Subset of the proxy's DestinationRule to use.
   * @default - any endpoint of the proxy
   */
  readonly subset?: string;
}

/**
 * What a sidecar does with traffic to destinations that are not in the service registry
 * (neither a Kubernetes Service nor a ServiceEntry host): forward it (`ALLOW_ANY`, Istio's
 * default) or drop it (`REGISTRY_ONLY`).
 *
 * @example
 * OutboundTrafficPolicy.registryOnly();
 * OutboundTrafficPolicy.allowAny({ host: 'proxy.egress.svc.cluster.local', port: 3128 });
 */
export class OutboundTrafficPolicy {
  /** Only destinations of the service registry are reachable; others are refused (502). */
  public static registryOnly(): OutboundTrafficPolicy {
    return new OutboundTrafficPolicy('REGISTRY_ONLY');
  }

  /**
   * Unknown destinations are reachable too: passed through as they are, or, with `egressProxy`,
   * sent to that proxy.
   */
  public static allowAny(egressProxy?: EgressProxy): OutboundTrafficPolicy {
    return new OutboundTrafficPolicy('ALLOW_ANY', egressProxy);
  }

  /** The mode: `REGISTRY_ONLY` or `ALLOW_ANY`. */
  public readonly mode: string;
  /** The proxy for unknown destinations, if any. */
  public readonly egressProxy?: EgressProxy;

  private constructor(mode: string, egressProxy?: EgressProxy) {
    this.mode = mode;
    this.egressProxy = egressProxy === undefined ? undefined : { ...egressProxy };
  }

  /**
   * Renders `outboundTrafficPolicy`, checking the egress proxy.
   * @internal
   */
  public _render(where: string, prop: string): Record<string, any> {
    const out: Record<string, any> = { mode: this.mode };
    const proxy = this.egressProxy;
    if (proxy === undefined) return out;
    const problem = typeof proxy.host !== 'string' ? 'is not a string' : proxy.host === '*' || proxy.host.includes('*') ? 'has a wildcard' : dnsNameProblem(proxy.host, false);
    if (problem) {
      throw new Error(`${where}: ${prop}.egressProxy.host '${proxy.host}' ${problem}; write the fully qualified host of the proxy, e.g. 'squid.egress.svc.cluster.local'.`);
    }
    if (!Number.isInteger(proxy.port) || proxy.port < 1 || proxy.port > 65535) {
      throw new Error(`${where}: ${prop}.egressProxy.port is ${proxy.port}; a port is a whole number from 1 to 65535.`);
    }
    if (proxy.subset !== undefined && !isDns1123Label(proxy.subset)) {
      throw new Error(`${where}: ${prop}.egressProxy.subset '${proxy.subset}' is not a valid subset name; use lower-case letters, digits and '-'.`);
    }
    out.egressProxy = { host: proxy.host, port: { number: proxy.port }, ...(proxy.subset !== undefined ? { subset: proxy.subset } : {}) };
    return out;
  }
}
