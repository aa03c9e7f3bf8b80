/**
 * Renderings shared by every traffic value type (routes and traffic policies). Internal: not
 * exported from the package.
 */
import { Duration } from 'cdk8s';

const UNITS: Array<[string, number]> = [
  ['h', 3_600_000_000_000],
  ['m', 60_000_000_000],
  ['s', 1_000_000_000],
  ['ms', 1_000_000],
  ['us', 1_000],
  ['ns', 1],
];

/**
 * Renders a cdk8s `Duration` as an Istio (Go-style) duration string in the largest unit that
 * holds it as a whole number (`2s`, `500ms`, `1500ms`, `90s`, `1h`), so that parsing the string
 * gives back exactly the same duration, down to the nanosecond. Istio's webhook accepts only
 * whole milliseconds of at least 1ms: the analysis engine reports the rest (e.g. `1500us`).
 *
 * @param fail called with what is wrong (`is -5 ms; …`); must throw
 */
export function renderIstioDuration(duration: Duration, fail: (problem: string) => never): string {
  if (!(duration instanceof Duration)) {
    return fail(`is ${String(duration)}, not a Duration; write e.g. Duration.seconds(2).`);
  }
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isFinite(millis) || millis < 0) {
    return fail(`is ${millis} ms; a duration is a finite amount of 0 or more, e.g. Duration.millis(500).`);
  }
  if (millis === 0) return '0s';
  if (Number.isInteger(millis)) {
    // Whole milliseconds: exact integer arithmetic in milliseconds.
    for (const [unit, nanos] of UNITS.slice(0, 4)) {
      const perUnit = nanos / 1_000_000;
      if (millis % perUnit === 0) return `${millis / perUnit}${unit}`;
    }
  }
  // Below a millisecond: count nanoseconds (Istio's precision), rounding away float noise only.
  const exact = millis * 1_000_000;
  const nanos = Math.round(exact);
  if (nanos === 0 || Math.abs(nanos - exact) > 1e-6 * Math.max(1, exact)) {
    return fail(`is ${millis} ms, finer than a nanosecond; Istio durations count whole nanoseconds.`);
  }
  for (const [unit, size] of UNITS) {
    if (nanos % size === 0) return `${nanos / size}${unit}`;
  }
  return `${nanos}ns`;
}

/** Copies `obj` without its `undefined` fields; `undefined` when nothing is left. */
export function compactObject(obj: Record<string, any>): Record<string, any> | undefined {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
