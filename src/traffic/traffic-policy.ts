import { Duration } from 'cdk8s';
import { ClientTls } from './client-tls';
import { ConnectionPoolSettings, renderConnectionPool } from './connection-pool';
import { LoadBalancer } from './load-balancer';
import { OutlierDetection, renderOutlierDetection } from './outlier-detection';
import { compactObject, shownNumber } from '../private/checks';
import { RenderContext } from '../private/render-context';

/** The parts of a traffic policy that can also be set for one port. */
export interface PortTrafficPolicyOptions {
  /**
   * Connection and request limits.
   * @default - Istio's defaults
   */
  readonly connectionPool?: ConnectionPoolSettings;

  /**
   * Ejection of failing hosts. An empty object turns it on with Istio's defaults.
   * @default - no outlier detection
   */
  readonly outlierDetection?: OutlierDetection;

  /**
   * How a host is picked.
   * @default LoadBalancer.leastRequest()
   */
  readonly loadBalancer?: LoadBalancer;

  /**
   * TLS origination towards the destination.
   * @default - Istio's automatic mutual TLS where the destination has a sidecar, plain text otherwise
   */
  readonly tls?: ClientTls;
}

/** Traffic policy of one port of the destination; it replaces the policy's fields for that port. */
export interface PortTrafficPolicy extends PortTrafficPolicyOptions {
  /** Port number of the destination service. */
  readonly port: number;
}

/** Properties of a {@link TrafficPolicy}. */
export interface TrafficPolicyProps extends PortTrafficPolicyOptions {
  /**
   * Settings for single ports, replacing the fields set here for that port.
   * @default - the same policy on every port
   */
  readonly portLevelSettings?: PortTrafficPolicy[];
}

/** Options of {@link TrafficPolicy.circuitBreaker}: limits that trip, and ejection of failing hosts. */
export interface CircuitBreakerOptions {
  /**
   * Most HTTP/1.1 or TCP connections to one host (`connectionPool.tcp.maxConnections`).
   * @default - no limit
   */
  readonly maxConnections?: number;

  /**
   * Most requests waiting for a connection (`connectionPool.http.http1MaxPendingRequests`).
   * @default - no limit
   */
  readonly maxPendingRequests?: number;

  /**
   * Most concurrent requests (`connectionPool.http.http2MaxRequests`).
   * @default - no limit
   */
  readonly maxRequests?: number;

  /**
   * Consecutive 5xx responses that eject a host (`outlierDetection.consecutive5xxErrors`).
   * @default - Istio's default (5) when another outlier option is set, else no outlier detection
   */
  readonly consecutive5xxErrors?: number;

  /**
   * Time between ejection sweeps (`outlierDetection.interval`).
   * @default 10s
   */
  readonly interval?: Duration;

  /**
   * Base time a host stays ejected (`outlierDetection.baseEjectionTime`).
   * @default 30s
   */
  readonly baseEjectionTime?: Duration;

  /**
   * Largest percentage of hosts ejected at a time (`outlierDetection.maxEjectionPercent`).
   * @default 10
   */
  readonly maxEjectionPercent?: number;
}

/**
 * A DestinationRule traffic policy: connection pool, outlier detection, load balancing and TLS
 * origination, optionally per port. Set it for a whole service (`MeshService` prop
 * `trafficPolicy` or `applyTrafficPolicy`) or for one version (`VersionOptions.trafficPolicy`
 * or `ServiceVersion.applyTrafficPolicy`); a version's policy replaces the service's per field.
 *
 * The value is immutable; it is checked when attached, naming the construct and the prop.
 *
 * @example
 * new TrafficPolicy({
 *   connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 10 } },
 *   outlierDetection: { consecutive5xxErrors: 5, baseEjectionTime: Duration.seconds(30) },
 *   loadBalancer: LoadBalancer.leastRequest(),
 *   tls: ClientTls.istioMutual(),
 * });
 */
export class TrafficPolicy {
  /**
   * A circuit breaker: caps on connections and requests, and ejection of hosts that keep failing.
   *
   * @example
   * TrafficPolicy.circuitBreaker({ maxConnections: 100, maxPendingRequests: 10, consecutive5xxErrors: 5 });
   */
  public static circuitBreaker(options: CircuitBreakerOptions): TrafficPolicy {
    const tcp = compactObject({ maxConnections: options.maxConnections });
    const http = compactObject({ http1MaxPendingRequests: options.maxPendingRequests, http2MaxRequests: options.maxRequests });
    const outlier = compactObject({
      consecutive5xxErrors: options.consecutive5xxErrors,
      interval: options.interval,
      baseEjectionTime: options.baseEjectionTime,
      maxEjectionPercent: options.maxEjectionPercent,
    });
    return new TrafficPolicy({
      connectionPool: tcp || http ? { tcp, http } : undefined,
      outlierDetection: outlier,
    });
  }

  /** Connection and request limits. */
  public readonly connectionPool?: ConnectionPoolSettings;
  /** Ejection of failing hosts. */
  public readonly outlierDetection?: OutlierDetection;
  /** How a host is picked. */
  public readonly loadBalancer?: LoadBalancer;
  /** TLS origination. */
  public readonly tls?: ClientTls;
  /** Settings of single ports. */
  public readonly portLevelSettings: PortTrafficPolicy[];

  constructor(props: TrafficPolicyProps = {}) {
    this.connectionPool = props.connectionPool;
    this.outlierDetection = props.outlierDetection;
    this.loadBalancer = props.loadBalancer;
    this.tls = props.tls;
    this.portLevelSettings = [...(props.portLevelSettings ?? [])];
  }

  /**
   * A copy of this policy with the fields given in `props` added or replaced; port-level
   * settings are appended.
   */
  public extend(props: TrafficPolicyProps): TrafficPolicy {
    return new TrafficPolicy({
      connectionPool: props.connectionPool ?? this.connectionPool,
      outlierDetection: props.outlierDetection ?? this.outlierDetection,
      loadBalancer: props.loadBalancer ?? this.loadBalancer,
      tls: props.tls ?? this.tls,
      portLevelSettings: [...this.portLevelSettings, ...(props.portLevelSettings ?? [])],
    });
  }

  /** Renders Istio's `TrafficPolicy` (checking it first), e.g. to inspect it in tests. */
  public toJson(): any {
    return this._render(RenderContext.of('TrafficPolicy').child('trafficPolicy'));
  }

  /**
   * Checks the policy and renders Istio's `TrafficPolicy`. Throws naming the construct path and
   * prop of `ctx` for anything unambiguously wrong.
   * @internal
   */
  public _render(ctx: RenderContext): any {
    const out = renderParts(ctx, this) ?? {};
    const ports = this.renderPorts(ctx.child('portLevelSettings'));
    if (ports.length > 0) out.portLevelSettings = ports;
    if (Object.keys(out).length === 0) {
      ctx.fail('sets nothing, which Istio rejects; give at least one of connectionPool, outlierDetection, loadBalancer, tls or portLevelSettings.');
    }
    return out;
  }

  private renderPorts(ctx: RenderContext): any[] {
    const seen = new Map<number, number>();
    return this.portLevelSettings.map((p, i) => {
      const pctx = ctx.child(`[${i}]`);
      const port = p.port;
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        pctx.child('port').fail(`is ${shownNumber(port)}; a port is a whole number from 1 to 65535.`);
      }
      if (seen.has(port)) {
        pctx.child('port').fail(`is ${port}, already used by portLevelSettings[${seen.get(port)}]; merge the two into one entry.`);
      }
      seen.set(port, i);
      const parts = renderParts(pctx, p);
      if (parts === undefined) {
        pctx.fail(`sets nothing for port ${port}, which Istio rejects; give at least one of connectionPool, outlierDetection, loadBalancer or tls.`);
      }
      return { port: { number: port }, ...parts };
    });
  }
}

function renderParts(ctx: RenderContext, p: PortTrafficPolicyOptions): Record<string, any> | undefined {
  if (p.loadBalancer !== undefined && !(p.loadBalancer instanceof LoadBalancer)) {
    ctx.child('loadBalancer').fail('is not a LoadBalancer; use e.g. LoadBalancer.leastRequest().');
  }
  if (p.tls !== undefined && !(p.tls instanceof ClientTls)) {
    ctx.child('tls').fail('is not a ClientTls; use e.g. ClientTls.istioMutual().');
  }
  return compactObject({
    connectionPool: renderConnectionPool(ctx.child('connectionPool'), p.connectionPool),
    outlierDetection: renderOutlierDetection(ctx.child('outlierDetection'), p.outlierDetection),
    loadBalancer: p.loadBalancer?._render(ctx.child('loadBalancer')),
    tls: p.tls?._render(ctx.child('tls')),
  });
}
