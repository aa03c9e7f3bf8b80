import { Duration } from 'cdk8s';
import { GrpcStatus } from './grpc-status';
import { checkDuration, checkHttpStatus, checkPercentage } from '../private/checks';
import { RenderContext } from '../private/render-context';

/** A fixed delay added to a share of a route's requests. */
export interface FaultDelayOptions {
  /** How long the client's Envoy holds each affected request before forwarding it. */
  readonly fixedDelay: Duration;

  /**
   * Percentage of requests delayed, from 0 to 100 (fractions allowed, e.g. 0.1). The library
   * always writes it, because Istio's reading of a missing percentage is easy to get wrong.
   * @default 100
   */
  readonly percentage?: number;
}

/**
 * An error returned, instead of forwarding, for a share of a route's requests. Give exactly one
 * of `httpStatus` and `grpcStatus`.
 */
export interface FaultAbortOptions {
  /**
   * HTTP status code of the error response (200-599), e.g. 503.
   * @default - none: set `grpcStatus` instead
   */
  readonly httpStatus?: number;

  /**
   * gRPC status of the error response, for gRPC clients.
   * @default - none: set `httpStatus` instead
   */
  readonly grpcStatus?: GrpcStatus;

  /**
   * Percentage of requests aborted, from 0 to 100 (fractions allowed). The library always
   * writes it, because Istio's reading of a missing percentage is easy to get wrong.
   * @default 100
   */
  readonly percentage?: number;
}

/** Options of a {@link FaultInjection} that both delays and aborts requests. */
export interface FaultInjectionOptions {
  /**
   * Delay a share of the requests.
   * @default - no delay
   */
  readonly delay?: FaultDelayOptions;

  /**
   * Abort a share of the requests with an error.
   * @default - no abort
   */
  readonly abort?: FaultAbortOptions;
}

/**
 * Faults the client's Envoy injects into a route's requests, to test how callers cope with a
 * slow or failing service (Istio's `HTTPFaultInjection`).
 *
 * Istio documents that a route's `timeout` and `retries` do not take effect while a fault is
 * set on it: test the caller's own timeouts and retries with faults, not the route's. A route
 * with a fault cannot also redirect or answer directly.
 *
 * @example
 * reviews.addRoute({ fault: FaultInjection.delayRequests({ fixedDelay: Duration.seconds(5), percentage: 10 }) });
 * reviews.addRoute({ fault: FaultInjection.abortRequests({ httpStatus: 503, percentage: 1 }) });
 */
export class FaultInjection {
  /** Delays a share of the requests. */
  public static delayRequests(delay: FaultDelayOptions): FaultInjection {
    return new FaultInjection({ delay });
  }

  /** Aborts a share of the requests with an HTTP or gRPC error. */
  public static abortRequests(abort: FaultAbortOptions): FaultInjection {
    return new FaultInjection({ abort });
  }

  /** Delays and/or aborts shares of the requests (a request may get both). */
  public static of(options: FaultInjectionOptions): FaultInjection {
    return new FaultInjection(options);
  }

  /** The delay, when set. */
  public readonly delay?: FaultDelayOptions;
  /** The abort, when set. */
  public readonly abort?: FaultAbortOptions;

  private constructor(options: FaultInjectionOptions) {
    this.delay = options.delay;
    this.abort = options.abort;
  }

  /**
   * Checks the fault; throws naming the construct path, the route and the field (`ctx` is the
   * route's `fault`) when a value is wrong.
   * @internal
   */
  public _check(ctx: RenderContext): void {
    if (!this.delay && !this.abort) {
      ctx.fail('has neither delay nor abort; give one, e.g. FaultInjection.abortRequests({ httpStatus: 503, percentage: 10 }).');
    }
    if (this.delay) {
      if (this.delay.fixedDelay === undefined) {
        ctx.child('delay').fail('has no fixedDelay; give one, e.g. fixedDelay: Duration.seconds(2).');
      }
      checkDuration(ctx.child('delay.fixedDelay'), this.delay.fixedDelay);
      checkPercentage(ctx.child('delay.percentage'), this.delay.percentage ?? 100);
    }
    if (this.abort) {
      const a = this.abort;
      if ((a.httpStatus === undefined) === (a.grpcStatus === undefined)) {
        const what = a.httpStatus === undefined ? 'neither httpStatus nor grpcStatus' : `both httpStatus ${a.httpStatus} and grpcStatus ${a.grpcStatus}`;
        ctx.child('abort').fail(`has ${what}; give exactly one, e.g. httpStatus: 503 or grpcStatus: GrpcStatus.UNAVAILABLE.`);
      }
      if (a.httpStatus !== undefined) {
        checkHttpStatus(ctx.child('abort.httpStatus'), a.httpStatus);
      } else if (!Object.values(GrpcStatus).includes(a.grpcStatus as GrpcStatus)) {
        ctx.child('abort.grpcStatus').fail(`is ${JSON.stringify(a.grpcStatus)}`, 'use a GrpcStatus value, e.g. GrpcStatus.UNAVAILABLE.');
      }
      checkPercentage(ctx.child('abort.percentage'), a.percentage ?? 100);
    }
  }

  /**
   * Renders Istio's `HTTPFaultInjection` (checked by `_check` when the route took it).
   * @internal
   */
  public _render(ctx: RenderContext): any {
    const out: Record<string, any> = {};
    if (this.delay) {
      out.delay = {
        fixedDelay: checkDuration(ctx.child('delay.fixedDelay'), this.delay.fixedDelay),
        percentage: { value: this.delay.percentage ?? 100 },
      };
    }
    if (this.abort) {
      const a = this.abort;
      out.abort = a.httpStatus !== undefined
        ? { httpStatus: a.httpStatus, percentage: { value: a.percentage ?? 100 } }
        : { grpcStatus: a.grpcStatus, percentage: { value: a.percentage ?? 100 } };
    }
    return out;
  }
}
