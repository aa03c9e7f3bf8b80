/**
 * Helpers shared by the traffic-policy value types: where an error happened, early checks of
 * values that are unambiguously wrong, and Istio duration strings. Not part of the public API.
 */
import { Duration } from 'cdk8s';

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

const UNITS: Array<[string, number]> = [
  ['h', 3_600_000_000_000],
  ['m', 60_000_000_000],
  ['s', 1_000_000_000],
  ['ms', 1_000_000],
  ['us', 1_000],
  ['ns', 1],
];

/**
 * Renders a cdk8s `Duration` as an Istio duration string in the largest unit that holds it
 * exactly (`1h`, `90s`, `500ms`), so that reading it back gives the same duration.
 * Range checks (e.g. at least 1ms) are left to the analysis engine.
 */
export function istioDuration(ctx: PolicyContext, duration: Duration | undefined): string | undefined {
  if (duration === undefined) return undefined;
  if (!(duration instanceof Duration)) {
    ctx.fail('is not a Duration; write e.g. Duration.seconds(30).');
  }
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isFinite(millis) || millis < 0) {
    ctx.fail(`is ${duration.toHumanString()}; a duration cannot be negative.`);
  }
  if (millis === 0) return '0s';
  if (Number.isInteger(millis)) {
    // Whole milliseconds: count in milliseconds, exact for any realistic duration.
    for (const [unit, size] of UNITS.slice(0, 4)) {
      const ms = size / 1_000_000;
      if (millis % ms === 0) return `${millis / ms}${unit}`;
    }
  }
  const nanos = Math.round(millis * 1_000_000);
  if (Math.abs(nanos / 1_000_000 - millis) > 1e-9) {
    ctx.fail(`is ${millis}ms, finer than a nanosecond; Istio durations have nanosecond precision.`);
  }
  for (const [unit, size] of UNITS) {
    if (nanos % size === 0) return `${nanos / size}${unit}`;
  }
  return `${nanos}ns`;
}

/** Drops `undefined` fields; returns `undefined` when nothing is left. */
export function compact(obj: Record<string, any>): Record<string, any> | undefined {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
