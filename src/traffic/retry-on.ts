import { checkWhole } from '../private/checks';
import { RenderContext } from '../private/render-context';

/**
 * A condition under which the client's Envoy retries a request: one entry of Istio's
 * `retries.retryOn`, i.e. one of Envoy's `x-envoy-retry-on` (HTTP) or `x-envoy-retry-grpc-on`
 * (gRPC) policies, or an HTTP status code.
 *
 * When a route has no retry policy, Istio retries twice on
 * `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`. Since Istio 1.24
 * that default lists no status code (`EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY`), so a 503 sent by
 * the application is not retried; older releases also retried 503.
 *
 * @example
 * RetryPolicy.of({ attempts: 3, retryOn: [RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE, RetryOn.statusCode(429)] });
 */
export class RetryOn {
  /**
   * Any 5xx response, and no response at all (reset, disconnect, read timeout). Includes
   * `connect-failure` and `refused-stream`. Retrying a 5xx can repeat a request the service
   * already processed: use it for idempotent requests.
   */
  public static readonly FIVE_XX = new RetryOn('5xx');

  /** A 502, 503 or 504 response: the gateway-style subset of `5xx`. */
  public static readonly GATEWAY_ERROR = new RetryOn('gateway-error');

  /** No response at all: the upstream disconnected, reset the stream or timed out reading. */
  public static readonly RESET = new RetryOn('reset');

  /**
   * A reset before the request headers were sent upstream. The upstream never saw the request,
   * so this is safe for requests that are not idempotent.
   */
  public static readonly RESET_BEFORE_REQUEST = new RetryOn('reset-before-request');

  /** The connection to the upstream could not be established (e.g. connect timeout). */
  public static readonly CONNECT_FAILURE = new RetryOn('connect-failure');

  /** A 4xx that is retriable; today Envoy only counts 409 (Conflict). */
  public static readonly RETRIABLE_4XX = new RetryOn('retriable-4xx');

  /** The upstream reset the stream with the HTTP/2 `REFUSED_STREAM` error code. */
  public static readonly REFUSED_STREAM = new RetryOn('refused-stream');

  /**
   * A response whose status is one of the route's retriable status codes. Listing a code with
   * {@link RetryOn.statusCode} is enough: Istio adds this condition for you.
   */
  public static readonly RETRIABLE_STATUS_CODES = new RetryOn('retriable-status-codes');

  /**
   * A response carrying one of the route's retriable headers. Istio has no field for those
   * headers; a client names them in the `x-envoy-retriable-header-names` request header.
   */
  public static readonly RETRIABLE_HEADERS = new RetryOn('retriable-headers');

  /** Envoy's own rate limiting rejected the request (`x-envoy-ratelimited` response header). */
  public static readonly ENVOY_RATELIMITED = new RetryOn('envoy-ratelimited');

  /** A request sent over HTTP/3 failed after the connection was established. */
  public static readonly HTTP3_POST_CONNECT_FAILURE = new RetryOn('http3-post-connect-failure');

  /** gRPC: the response's `grpc-status` is CANCELLED (1). */
  public static readonly CANCELLED = new RetryOn('cancelled');

  /** gRPC: the response's `grpc-status` is DEADLINE_EXCEEDED (4). */
  public static readonly DEADLINE_EXCEEDED = new RetryOn('deadline-exceeded');

  /** gRPC: the response's `grpc-status` is INTERNAL (13). */
  public static readonly INTERNAL = new RetryOn('internal');

  /** gRPC: the response's `grpc-status` is RESOURCE_EXHAUSTED (8). */
  public static readonly RESOURCE_EXHAUSTED = new RetryOn('resource-exhausted');

  /** gRPC: the response's `grpc-status` is UNAVAILABLE (14). */
  public static readonly UNAVAILABLE = new RetryOn('unavailable');

  /**
   * Retry responses with this HTTP status code, e.g. `RetryOn.statusCode(503)`. Istio turns the
   * codes in `retryOn` into Envoy's retriable status codes and adds `retriable-status-codes`.
   * @param code an HTTP status code from 100 to 599
   */
  public static statusCode(code: number): RetryOn {
    return new RetryOn(String(code), code);
  }

  /**
   * Any other `retryOn` entry, written as is (escape hatch for conditions added to Envoy later).
   * The analysis engine checks it against the values Istio's webhook accepts.
   * @param value the entry, e.g. `'reset'`
   */
  public static of(value: string): RetryOn {
    return new RetryOn(value);
  }

  /**
   * @param value the `retryOn` entry as Istio reads it
   * @param code the status code, for `statusCode()`
   */
  private constructor(public readonly value: string, private readonly code?: number) {}

  /**
   * Checks the entry; throws naming the construct path, route and prop of `ctx` when it is wrong.
   * @internal
   */
  public _check(ctx: RenderContext): void {
    if (this.code !== undefined) {
      checkWhole(ctx, this.code, 100, 599, 'RetryOn.statusCode() takes an HTTP status code from 100 to 599, e.g. 503');
    } else if (typeof this.value !== 'string' || this.value.trim() === '' || this.value.includes(',')) {
      ctx.fail(`is ${JSON.stringify(this.value)}`, 'RetryOn.of() takes one condition, e.g. RetryOn.of(\'reset\'); pass several RetryOn values for several conditions.');
    }
  }
}
