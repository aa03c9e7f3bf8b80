/**
 * Helpers shared by the traffic-policy value types: where an error happened, early checks of
 * values that are unambiguously wrong, and Istio duration strings. Not part of the public API.
 */
import { Duration } from 'cdk8s';
import { renderIstioDuration } from './istio-values';

/** Largest value of a protobuf `int32` field. */
export const INT32_MAX = 2147483647;
/** Largest value of a protobuf `uint32` field. */
export const UINT32_MAX = 4294967295;

/**
 * Where a value is being checked: the construct path and the prop path within it, e.g.
 * `shop/reviews` and `trafficPolicy.outlierDetection`.
 */
export class PolicyContext {
  constructor(public readonly where: string, public readonly prop: string) {}

  /** The context of a field below this one. */
  public child(field: string): PolicyContext {
    return new PolicyContext(this.where, this.prop && !field.startsWith('[') ? `${this.prop}.${field}` : `${this.prop}${field}`);
  }

  /** Throws an error naming the construct path and the prop. */
  public fail(message: string): never {
    throw new Error(`${this.where}: ${this.prop} ${message}`);
  }
}

/**
 * Checks a count (connections, requests, errors…): a whole number from 0 to `max`.
 */
export function checkCount(ctx: PolicyContext, value: number | undefined, max: number = INT32_MAX): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    ctx.fail(`is ${value}; Istio takes a whole number from 0 to ${max}.`);
  }
  return value;
}

/**
 * Checks a percentage: a number from 0 to 100 (whole when `integer`).
 */
export function checkPercent(ctx: PolicyContext, value: number | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || (integer && !Number.isInteger(value)) || value < 0 || value > 100) {
    ctx.fail(`is ${value}; a percentage is ${integer ? 'a whole number' : 'a number'} from 0 to 100.`);
  }
  return value;
}

/**
 * Checks that a string, when given, is not empty.
 */
export function checkNonEmpty(ctx: PolicyContext, value: string | undefined, example: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    ctx.fail(`is empty; give a value (e.g. ${example}) or leave it out.`);
  }
  return value;
}

/**
 * Renders a cdk8s `Duration` as an Istio duration string (see `renderIstioDuration`).
 * Range checks (e.g. at least 1ms) are left to the analysis engine.
 */
export function istioDuration(ctx: PolicyContext, duration: Duration | undefined): string | undefined {
  return duration === undefined ? undefined : renderIstioDuration(duration, (problem) => ctx.fail(problem));
}

/** Drops `undefined` fields; returns `undefined` when nothing is left. */
export { compactObject as compact } from './istio-values';
