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
import { renderIstioDuration } from './istio-values';

/** Largest value of a protobuf `int32` field. */
const INT32_MAX = 2_147_483_647;

/**
 * Renders a cdk8s `Duration` as an Istio duration string (see `renderIstioDuration`), throwing
 * `<at> is …` for a negative or non-finite one.
 */
export function istioDuration(at: string, duration: Duration): string {
  return renderIstioDuration(duration, (problem) => {
    throw new Error(`${at} ${problem}`);
  });
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

export { compactObject } from './istio-values';
