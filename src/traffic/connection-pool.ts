import { Duration } from 'cdk8s';
import { checkCount, compactObject, checkDuration, UINT32_MAX } from '../private/checks';
import { RenderContext } from '../private/render-context';

/** TCP keepalive probes on connections to the destination (`SO_KEEPALIVE`). */
export interface TcpKeepalive {
  /**
   * How long a connection must be idle before probes start.
   * @default - the operating system's setting (Linux: 2 hours)
   */
  readonly time?: Duration;

  /**
   * Time between probes.
   * @default - the operating system's setting (Linux: 75 seconds)
   */
  readonly interval?: Duration;

  /**
   * Probes sent without a response before the connection is considered dead.
   * @default - the operating system's setting (Linux: 9)
   */
  readonly probes?: number;
}

/** Limits and timeouts common to HTTP and TCP connections to each destination host. */
export interface TcpConnectionPool {
  /**
   * Most HTTP/1.1 or TCP connections to one destination host.
   * @default - 2^32-1 (no practical limit)
   */
  readonly maxConnections?: number;

  /**
   * TCP connect timeout.
   * @default 10s
   */
  readonly connectTimeout?: Duration;

  /**
   * Enables TCP keepalive probes with these settings.
   * @default - no keepalive probes
   */
  readonly tcpKeepalive?: TcpKeepalive;

  /**
   * Idle timeout of TCP connections (no bytes sent or received). `Duration.seconds(0)` turns it off.
   * @default 1h
   */
  readonly idleTimeout?: Duration;

  /**
   * Longest lifetime of a connection, after which it is drained and closed.
   * @default - no limit
   */
  readonly maxConnectionDuration?: Duration;
}

/** Whether HTTP/1.1 connections to the destination are upgraded to HTTP/2. */
export enum H2UpgradePolicy {
  /** Use the mesh-wide setting (`h2UpgradePolicy` of MeshConfig). */
  DEFAULT = 'DEFAULT',
  /** Never upgrade. */
  DO_NOT_UPGRADE = 'DO_NOT_UPGRADE',
  /** Upgrade to HTTP/2. */
  UPGRADE = 'UPGRADE',
}

/** Limits of HTTP/1.1, HTTP/2 and gRPC requests to the destination. */
export interface HttpConnectionPool {
  /**
   * Most requests queued while waiting for a connection from the pool (HTTP/1.1 and HTTP/2).
   * @default - 2^32-1 (no practical limit)
   */
  readonly http1MaxPendingRequests?: number;

  /**
   * Most concurrent requests to the destination (HTTP/1.1 and HTTP/2).
   * @default - 2^32-1 (no practical limit)
   */
  readonly http2MaxRequests?: number;

  /**
   * Most requests per connection; `1` turns keep-alive off.
   * @default - no limit
   */
  readonly maxRequestsPerConnection?: number;

  /**
   * Most retries outstanding to all hosts of the destination at a time.
   * @default - 2^32-1 (no practical limit)
   */
  readonly maxRetries?: number;

  /**
   * Time after which a connection without active requests is closed.
   * @default 1h
   */
  readonly idleTimeout?: Duration;

  /**
   * Whether HTTP/1.1 connections are upgraded to HTTP/2.
   * @default H2UpgradePolicy.DEFAULT
   */
  readonly h2UpgradePolicy?: H2UpgradePolicy;

  /**
   * Keep the client's protocol (HTTP/1.1 or HTTP/2) towards the destination. Cannot be combined
   * with `h2UpgradePolicy: H2UpgradePolicy.UPGRADE`.
   * @default false
   */
  readonly useClientProtocol?: boolean;

  /**
   * Most concurrent streams on one HTTP/2 connection.
   * @default - 2^31-1
   */
  readonly maxConcurrentStreams?: number;
}

/**
 * Connection pool of the destination: limits on connections and requests, enforced by each
 * client sidecar (a circuit breaker that trips when a limit is reached).
 */
export interface ConnectionPoolSettings {
  /**
   * TCP-level limits (apply to HTTP too).
   * @default - Istio's defaults
   */
  readonly tcp?: TcpConnectionPool;

  /**
   * HTTP-level limits.
   * @default - Istio's defaults
   */
  readonly http?: HttpConnectionPool;
}

/** Renders Istio's `ConnectionPoolSettings`; `undefined` when nothing is set. */
export function renderConnectionPool(ctx: RenderContext, pool: ConnectionPoolSettings | undefined): any {
  if (pool === undefined) return undefined;
  return compactObject({
    tcp: renderTcp(ctx.child('tcp'), pool.tcp),
    http: renderHttp(ctx.child('http'), pool.http),
  });
}

function renderTcp(ctx: RenderContext, tcp: TcpConnectionPool | undefined): any {
  if (tcp === undefined) return undefined;
  const ka = tcp.tcpKeepalive;
  const kaCtx = ctx.child('tcpKeepalive');
  return compactObject({
    maxConnections: checkCount(ctx.child('maxConnections'), tcp.maxConnections),
    connectTimeout: checkDuration(ctx.child('connectTimeout'), tcp.connectTimeout),
    // An empty tcpKeepalive is meaningful: it turns probes on with the OS defaults.
    tcpKeepalive: ka === undefined ? undefined : compactObject({
      time: checkDuration(kaCtx.child('time'), ka.time),
      interval: checkDuration(kaCtx.child('interval'), ka.interval),
      probes: checkCount(kaCtx.child('probes'), ka.probes, UINT32_MAX),
    }) ?? {},
    // "0s" turns the TCP idle timeout off, which Istio accepts.
    idleTimeout: checkDuration(ctx.child('idleTimeout'), tcp.idleTimeout, { zeroAllowed: true }),
    maxConnectionDuration: checkDuration(ctx.child('maxConnectionDuration'), tcp.maxConnectionDuration),
  });
}

function renderHttp(ctx: RenderContext, http: HttpConnectionPool | undefined): any {
  if (http === undefined) return undefined;
  if (http.useClientProtocol && http.h2UpgradePolicy === H2UpgradePolicy.UPGRADE) {
    ctx.fail('sets both useClientProtocol and h2UpgradePolicy UPGRADE, which contradict each other; keep the client protocol or upgrade to HTTP/2, not both.');
  }
  if (http.h2UpgradePolicy !== undefined && !Object.values(H2UpgradePolicy).includes(http.h2UpgradePolicy)) {
    ctx.child('h2UpgradePolicy').fail(`is '${http.h2UpgradePolicy}'; use H2UpgradePolicy.DEFAULT, DO_NOT_UPGRADE or UPGRADE.`);
  }
  return compactObject({
    http1MaxPendingRequests: checkCount(ctx.child('http1MaxPendingRequests'), http.http1MaxPendingRequests),
    http2MaxRequests: checkCount(ctx.child('http2MaxRequests'), http.http2MaxRequests),
    maxRequestsPerConnection: checkCount(ctx.child('maxRequestsPerConnection'), http.maxRequestsPerConnection),
    maxRetries: checkCount(ctx.child('maxRetries'), http.maxRetries),
    idleTimeout: checkDuration(ctx.child('idleTimeout'), http.idleTimeout),
    h2UpgradePolicy: http.h2UpgradePolicy,
    useClientProtocol: http.useClientProtocol,
    maxConcurrentStreams: checkCount(ctx.child('maxConcurrentStreams'), http.maxConcurrentStreams),
  });
}
