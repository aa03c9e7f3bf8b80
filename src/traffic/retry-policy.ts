import { Duration } from 'cdk8s';
import { RetryOn } from './retry-on';
import { checkAttempts, checkDuration, compactObject } from '../private/checks';
import { RenderContext } from '../private/render-context';

/** Options of a {@link RetryPolicy}. */
export interface RetryPolicyOptions {
  /**
   * How many times a failed request is retried, not counting the first try (Istio's `attempts`).
   * Envoy waits between retries (exponential back-off from `backoff`), and stops early when the
   * route's `timeout` runs out, so `timeout` also caps the retries actually made.
   */
  readonly attempts: number;

  /**
   * Time limit of each try, the first one included. A try that runs out counts as a failure
   * and is retried.
   * @default - the route's `timeout`: tries have no limit of their own
   */
  readonly perTryTimeout?: Duration;

  /**
   * Conditions that make a try count as failed and be retried.
   * @default - Istio's default conditions: `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes` (with no status code listed since Istio 1.24)
   */
  readonly retryOn?: RetryOn[];

  /**
   * Let retries go to endpoints in other localities (Envoy's previous-priorities retry plugin).
   * @default false
   */
  readonly retryRemoteLocalities?: boolean;

  /**
   * Prefer, for each retry, an endpoint that has not been tried yet for this request. Istio does
   * this by default; `false` allows a retry to hit the same endpoint again.
   * @default true
   */
  readonly retryIgnorePreviousHosts?: boolean;

  /**
   * Base interval of Envoy's exponential back-off between retries (the longest wait is ten
   * times this).
   * @default - 25ms (Envoy's base interval)
   */
  readonly backoff?: Duration;
}

/**
 * How the client's Envoy retries the requests of a route (Istio's `HTTPRetry`).
 *
 * A route without a retry policy still retries: Istio's default is 2 retries on
 * `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`, avoiding the
 * endpoints already tried. `RetryPolicy.none()` is the way to turn retries off.
 *
 * @example
 * reviews.addRoute({
 *   timeout: Duration.seconds(3),
 *   retries: RetryPolicy.of({ attempts: 2, perTryTimeout: Duration.seconds(1), retryOn: [RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE] }),
 * });
 */
export class RetryPolicy {
  /** A policy retrying failed requests as the options say. */
  public static of(options: RetryPolicyOptions): RetryPolicy {
    return new RetryPolicy(options);
  }

  /**
   * No retries at all: renders `attempts: 0`, which is how Istio turns off its default retries.
   * (Leaving `retries` out, or writing an empty `retries`, keeps the default of 2 retries.)
   */
  public static none(): RetryPolicy {
    return new RetryPolicy({ attempts: 0 });
  }

  /** Retries after the first try (0: retries are off). */
  public readonly attempts: number;
  /** Time limit of each try, when set. */
  public readonly perTryTimeout?: Duration;
  /** Retry conditions, when set (otherwise Istio's default ones). */
  public readonly retryOn?: RetryOn[];
  /** Whether retries may go to other localities, when set. */
  public readonly retryRemoteLocalities?: boolean;
  /** Whether retries avoid endpoints already tried, when set. */
  public readonly retryIgnorePreviousHosts?: boolean;
  /** Base back-off interval, when set. */
  public readonly backoff?: Duration;

  private constructor(options: RetryPolicyOptions) {
    this.attempts = options.attempts;
    this.perTryTimeout = options.perTryTimeout;
    this.retryOn = options.retryOn ? [...options.retryOn] : undefined;
    this.retryRemoteLocalities = options.retryRemoteLocalities;
    this.retryIgnorePreviousHosts = options.retryIgnorePreviousHosts;
    this.backoff = options.backoff;
  }

  /**
   * Checks the policy; throws naming the construct path, the route and the field (`ctx` is the
   * route's `retries`) when a value is wrong.
   * @internal
   */
  public _check(ctx: RenderContext): void {
    checkAttempts(ctx.child('attempts'), this.attempts);
    if (this.attempts === 0) {
      const extra = (['perTryTimeout', 'retryOn', 'retryRemoteLocalities', 'retryIgnorePreviousHosts', 'backoff'] as const)
        .filter((k) => this[k] !== undefined);
      if (extra.length > 0) {
        ctx.fail(`has attempts 0 (retries off) but also sets ${extra.join(', ')}; Istio rejects that. Use RetryPolicy.none() to turn retries off, or attempts of 1 or more.`);
      }
      return;
    }
    if (this.retryOn !== undefined) {
      if (this.retryOn.length === 0) {
        ctx.child('retryOn').fail("is empty; list at least one condition, e.g. [RetryOn.CONNECT_FAILURE], or leave retryOn out for Istio's default conditions.");
      }
      this.retryOn.forEach((r, i) => {
        if (!(r instanceof RetryOn)) {
          ctx.child(`retryOn[${i}]`).fail(`is ${JSON.stringify(r)}`, `use RetryOn values, e.g. RetryOn.GATEWAY_ERROR or RetryOn.of('${String(r)}').`);
        }
        r._check(ctx.child(`retryOn[${i}]`));
      });
    }
    checkDuration(ctx.child('perTryTimeout'), this.perTryTimeout);
    checkDuration(ctx.child('backoff'), this.backoff);
  }

  /**
   * Renders Istio's `HTTPRetry` (checked by `_check` when the route took it).
   * @internal
   */
  public _render(ctx: RenderContext): any {
    if (this.attempts === 0) return { attempts: 0 };
    return compactObject({
      attempts: this.attempts,
      perTryTimeout: checkDuration(ctx.child('perTryTimeout'), this.perTryTimeout),
      retryOn: this.retryOn && [...new Set(this.retryOn.map((r) => r.value))].join(','),
      retryRemoteLocalities: this.retryRemoteLocalities,
      retryIgnorePreviousHosts: this.retryIgnorePreviousHosts,
      backoff: checkDuration(ctx.child('backoff'), this.backoff),
    });
  }
}
