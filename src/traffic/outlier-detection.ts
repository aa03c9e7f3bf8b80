import { Duration } from 'cdk8s';
import { checkCount, checkPercent, compactObject, checkDuration, UINT32_MAX } from '../private/checks';
import { RenderContext } from '../private/render-context';

/**
 * Outlier detection (passive health checking): each client sidecar ejects hosts of the
 * destination that keep failing from its load-balancing pool for a while. Setting it, even
 * empty, turns it on.
 */
export interface OutlierDetection {
  /**
   * Consecutive 5xx responses (including connection errors and timeouts) after which a host is
   * ejected. `0` turns this check off.
   * @default 5
   */
  readonly consecutive5xxErrors?: number;

  /**
   * Consecutive gateway errors (502, 503, 504 and connection errors) after which a host is
   * ejected. `0` turns this check off.
   * @default - off
   */
  readonly consecutiveGatewayErrors?: number;

  /**
   * Consecutive locally originated failures (connect timeouts, resets) after which a host is
   * ejected. Needs `splitExternalLocalOriginErrors`, which is then turned on unless set.
   * @default 5 (only counted when splitExternalLocalOriginErrors is on)
   */
  readonly consecutiveLocalOriginFailures?: number;

  /**
   * Count locally originated failures apart from responses of the host: connection failures
   * then feed `consecutiveLocalOriginFailures`, and only real responses feed
   * `consecutive5xxErrors`.
   * @default - true when consecutiveLocalOriginFailures is set, otherwise false
   */
  readonly splitExternalLocalOriginErrors?: boolean;

  /**
   * Time between ejection sweeps.
   * @default 10s
   */
  readonly interval?: Duration;

  /**
   * Base ejection time; a host ejected again stays out for this times the number of ejections.
   * @default 30s
   */
  readonly baseEjectionTime?: Duration;

  /**
   * Largest share (percent, 0-100) of the destination's hosts that may be ejected at a time.
   * @default 10
   */
  readonly maxEjectionPercent?: number;

  /**
   * Outlier detection is on while at least this percentage (0-100) of hosts are healthy; below
   * it, all hosts receive traffic again. `0` keeps it on regardless.
   * @default 0
   */
  readonly minHealthPercent?: number;
}

/**
 * Renders Istio's `OutlierDetection`. An empty one is kept: it turns outlier detection on with
 * the defaults (5 consecutive 5xx errors).
 */
export function renderOutlierDetection(ctx: RenderContext, od: OutlierDetection | undefined): any {
  if (od === undefined) return undefined;
  const localFailures = checkCount(ctx.child('consecutiveLocalOriginFailures'), od.consecutiveLocalOriginFailures, UINT32_MAX);
  let split = od.splitExternalLocalOriginErrors;
  if (localFailures !== undefined && localFailures > 0) {
    if (split === false) {
      ctx.fail(
        `sets consecutiveLocalOriginFailures (${localFailures}) with splitExternalLocalOriginErrors: false; ` +
        'local-origin failures are only counted when split, so set splitExternalLocalOriginErrors: true or drop consecutiveLocalOriginFailures.',
      );
    }
    split = true;
  }
  return compactObject({
    consecutive5xxErrors: checkCount(ctx.child('consecutive5xxErrors'), od.consecutive5xxErrors, UINT32_MAX),
    consecutiveGatewayErrors: checkCount(ctx.child('consecutiveGatewayErrors'), od.consecutiveGatewayErrors, UINT32_MAX),
    consecutiveLocalOriginFailures: localFailures,
    splitExternalLocalOriginErrors: split,
    interval: checkDuration(ctx.child('interval'), od.interval),
    baseEjectionTime: checkDuration(ctx.child('baseEjectionTime'), od.baseEjectionTime),
    maxEjectionPercent: checkPercent(ctx.child('maxEjectionPercent'), od.maxEjectionPercent, true),
    minHealthPercent: checkPercent(ctx.child('minHealthPercent'), od.minHealthPercent, true),
  }) ?? {};
}
