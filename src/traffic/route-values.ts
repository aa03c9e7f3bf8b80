/**
 * Early checks and Istio renderings for the values of an HTTP route (durations, percentages,
 * status codes, ports). Internal: not exported from the package.
 *
 * Every function takes `at`, the start of an error message that names the construct path, the
 * route and the prop (e.g. `shop/reviews: route 'api' retries.perTryTimeout`), and throws
 * `<at> is <value>; <how to fix>.` for values that are unambiguously wrong. Rules that need
 * Istio's webhook knowledge (durations of at least 1ms, header names, regexes, …) are left to the
 * analysis engine, which checks the rendered manifests.
 */
import { Duration } from 'cdk8s';

/** Largest value of a protobuf `int32` field. */
const INT32_MAX = 2_147_483_647;

const NANOS_PER: Array<[string, number]> = [
  ['h', 3_600_000_000_000],
  ['m', 60_000_000_000],
  ['s', 1_000_000_000],
  ['ms', 1_000_000],
  ['us', 1_000],
  ['ns', 1],
];

/**
 * Renders a cdk8s `Duration` as an Istio (Go-style) duration string in the largest unit that
 * holds it as a whole number: `2s`, `500ms`, `1500ms`, `90s`, `1h`. Parsing the string gives back
 * exactly the same duration, down to the nanosecond. (Istio's webhook accepts only whole
 * milliseconds of at least 1ms; the analysis engine reports the rest, e.g. `1500us`.)
 */
export function istioDuration(at: string, duration: Duration): string {
  if (!(duration instanceof Duration)) {
    throw new Error(`${at} is ${String(duration)}, not a Duration; write e.g. Duration.seconds(2).`);
  }
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isFinite(millis) || millis < 0) {
    throw new Error(`${at} is ${millis} ms; a duration is a finite amount of 0 or more, e.g. Duration.millis(500).`);
  }
  if (millis === 0) return '0s';
  if (Number.isInteger(millis)) {
    // Whole milliseconds: exact integer arithmetic in milliseconds.
    for (const [unit, nanos] of NANOS_PER.slice(0, 4)) {
      const perUnit = nanos / 1_000_000;
      if (millis % perUnit === 0) return `${millis / perUnit}${unit}`;
    }
  }
  // Below a millisecond: count nanoseconds (Istio's precision), rounding away float noise only.
  const exact = millis * 1_000_000;
  const nanos = Math.round(exact);
  if (nanos === 0 || Math.abs(nanos - exact) > 1e-6 * Math.max(1, exact)) {
    throw new Error(`${at} is ${millis} ms, finer than a nanosecond; Istio durations count whole nanoseconds.`);
  }
  for (const [unit, size] of NANOS_PER) {
    if (nanos % size === 0) return `${nanos / size}${unit}`;
  }
  return `${nanos}ns`;
}

/** Checks a percentage of requests (Istio's `Percent.value`, a double from 0 to 100). */
export function checkPercentage(at: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new Error(`${at} is ${value}; a percentage of requests is a number from 0 to 100, e.g. 0.5 or 10.`);
  }
  return value;
}

/** Checks a whole number from `min` to `max`. */
export function checkWhole(at: string, value: number, min: number, max: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${at} is ${value}; ${fix}.`);
  }
  return value;
}

/** Checks a retry count (Istio's `attempts`, an int32 of 0 or more). */
export function checkAttempts(at: string, value: number): number {
  return checkWhole(at, value, 0, INT32_MAX, 'write a whole number of retries of 0 or more (0 turns retries off: RetryPolicy.none())');
}

/** Checks an HTTP status code a route can answer with (Istio accepts 200-599). */
export function checkHttpStatus(at: string, value: number): number {
  return checkWhole(at, value, 200, 599, 'Istio answers with an HTTP status from 200 to 599, e.g. 503');
}

/** Checks a port number. */
export function checkPort(at: string, value: number): number {
  return checkWhole(at, value, 1, 65535, 'a port is a whole number from 1 to 65535');
}

/** Checks that a string is not empty. */
export function checkNotEmpty(at: string, value: string, example: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${at} is ${JSON.stringify(value)}; give a value, e.g. ${example}.`);
  }
  return value;
}

/** Copies `obj` without its `undefined` fields; `undefined` when nothing is left. */
export function compactObject(obj: Record<string, any>): Record<string, any> | undefined {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
