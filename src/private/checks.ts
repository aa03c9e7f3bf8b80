/**
 * Early checks of construct props, and the renderings they guard. Internal: not exported from the
 * package.
 *
 * A construct only throws for a value Istio certainly rejects (or that cannot mean anything, such
 * as a negative count); whatever needs the whole rendered manifest is left to the analysis engine.
 * Every check takes the `RenderContext` of the prop and throws `<where> is <value>; <fix>`.
 */
import { Duration } from 'cdk8s';
import { RenderContext } from './render-context';
import { MAX_DURATION_MILLIS } from '../analysis/validators/duration';
import { headerLineBreakProblem } from '../analysis/validators/http';
import { ipOrCidrProblem } from '../analysis/validators/ip';
import { checkIstioRegex } from '../analysis/validators/regex';

/** Largest value of a protobuf `int32` field. */
export const INT32_MAX = 2_147_483_647;
/** Largest value of a protobuf `uint32` field. */
export const UINT32_MAX = 4_294_967_295;

/**
 * A number as a message shows it: a value of another type (from JavaScript or another jsii
 * language) is quoted and named as such, so that '80' does not read as the number 80.
 */
export function shownNumber(value: unknown): string {
  if (typeof value === 'number') return String(value);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return `${json ?? String(value)} (${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a number)`;
}

/**
 * A value of the wrong kind as a message shows it: a construct by its class and path, anything
 * else as JSON with its type, e.g. `"ambient" (a string)`.
 */
export function shownValue(value: unknown): string {
  const node = (value as any)?.node;
  if (node !== undefined && typeof node.path === 'string') return `${(value as object).constructor?.name ?? 'a construct'} ${node.path}`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  const type = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'object'}` : `a ${typeof value}`;
  return `${json ?? String(value)} (${type})`;
}

/** Checks a whole number from `min` to `max`; `fix` says what Istio takes. */
export function checkWhole(ctx: RenderContext, value: number, min: number, max: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    ctx.fail(`is ${shownNumber(value)}`, `${fix}.`);
  }
  return value;
}

/** Checks a count (connections, requests, errors…), when given: a whole number from 0 to `max`. */
export function checkCount(ctx: RenderContext, value: number | undefined, max: number = INT32_MAX): number | undefined {
  return value === undefined ? undefined : checkWhole(ctx, value, 0, max, `Istio takes a whole number from 0 to ${max}`);
}

/** Checks a percentage, when given: a number from 0 to 100 (whole when `integer`). */
export function checkPercent(ctx: RenderContext, value: number | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < 0 || value > 100) {
    ctx.fail(`is ${shownNumber(value)}`, `a percentage is ${integer ? 'a whole number' : 'a number'} from 0 to 100.`);
  }
  return value;
}

/** Checks a percentage of requests (Istio's `Percent.value`, a double from 0 to 100). */
export function checkPercentage(ctx: RenderContext, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    ctx.fail(`is ${shownNumber(value)}`, 'a percentage of requests is a number from 0 to 100, e.g. 0.5 or 10.');
  }
  return value;
}

/** Checks a retry count (Istio's `attempts`, an int32 of 0 or more). */
export function checkAttempts(ctx: RenderContext, value: number): number {
  return checkWhole(ctx, value, 0, INT32_MAX, 'write a whole number of retries of 0 or more (0 turns retries off: RetryPolicy.none())');
}

/** Checks an HTTP status code a route can answer with (Istio accepts 200-599). */
export function checkHttpStatus(ctx: RenderContext, value: number): number {
  return checkWhole(ctx, value, 200, 599, 'Istio answers with an HTTP status from 200 to 599, e.g. 503');
}

/** Checks a port number. */
export function checkPort(ctx: RenderContext, value: number): number {
  return checkWhole(ctx, value, 1, 65535, 'a port is a whole number from 1 to 65535');
}

/** Checks that a string, when given, is not empty or blank. */
export function checkNonEmpty(ctx: RenderContext, value: string | undefined, example: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    ctx.fail(`is ${JSON.stringify(value)}`, `give a value, e.g. ${example}, or leave it out.`);
  }
  return value;
}

/** Checks that a header name or value (or an authority), when given, has no line break Envoy refuses. */
export function checkNoLineBreak(ctx: RenderContext, value: string | undefined, fix: string): string | undefined {
  if (typeof value !== 'string') return value;
  const problem = headerLineBreakProblem(value);
  if (problem) ctx.fail(`is ${JSON.stringify(value)}: ${problem}`, `${fix}.`);
  return value;
}

/**
 * Checks a regular expression as Istio's validation webhook does (RE2 syntax, not empty, at most
 * 1024 bytes), with the same RE2 engine the analysis uses: JavaScript's RegExp accepts patterns
 * (lookarounds, backreferences) that Envoy's RE2 refuses.
 */
export function checkRegex(ctx: RenderContext, pattern: string): string {
  if (typeof pattern !== 'string') {
    return ctx.fail(`is ${String(JSON.stringify(pattern) ?? pattern)} (a ${pattern === null ? 'null' : typeof pattern}, not a string)`, "write the regex as a string, e.g. '^/api/v[0-9]+'.");
  }
  const problem = checkIstioRegex(pattern);
  if (problem) {
    const shown = pattern.length > 80 ? `${JSON.stringify(pattern.slice(0, 77))}…` : JSON.stringify(pattern);
    ctx.fail(problem.kind === 'empty' ? 'is empty' : `is ${shown}, which ${problem.reason}`, problem.hint ?? 'write a regex RE2 accepts.');
  }
  return pattern;
}

/** Checks that no entry of a list, when given, is an empty (or blank) string. */
export function checkNoEmptyStrings(ctx: RenderContext, values: string[] | undefined): void {
  (values ?? []).forEach((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') {
      ctx.child(`[${i}]`).fail(`is ${JSON.stringify(v)}`, 'write a non-empty value or leave the entry out.');
    }
  });
}

/** Checks that every entry of a list, when given, is an IP address or a CIDR block as Istio reads them. */
export function checkIpBlocks(ctx: RenderContext, values: string[] | undefined): void {
  (values ?? []).forEach((v, i) => {
    if (typeof v !== 'string' || ipOrCidrProblem(v) !== undefined) {
      ctx.child(`[${i}]`).fail(`is ${JSON.stringify(v)}, which is neither an IP address nor a CIDR range`, "write e.g. '10.0.0.0/16' or '2001:db8::/32'.");
    }
  });
}

/** How Istio validates a duration field. */
export interface DurationField {
  /**
   * `0s` is accepted and means "off" (TCP idle timeout). Other values follow the general rule.
   * @default false
   */
  readonly zeroAllowed?: boolean;
  /**
   * Istio does not range-check the field (HTTP cookie TTL): any duration of 0 or more is rendered.
   * @default false
   */
  readonly unchecked?: boolean;
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
 * Checks a duration prop, when given, and renders it as an Istio (Go-style) duration string in the
 * largest unit that holds it as a whole number (`2s`, `500ms`, `1500ms`, `90s`, `1h`), so that
 * parsing the string gives back exactly the same duration.
 *
 * The one duration policy of the constructs: a duration under 1 ms, or one that is not a whole
 * number of milliseconds, throws here, naming the prop. Istio's validation webhook
 * (`ValidateDuration`) rejects both for every duration field the constructs write, so such an
 * object could never be applied; failing at the prop that set it is clearer than an analysis
 * finding on the rendered manifest. Fields where Istio accepts `0s` (`zeroAllowed`) or does not
 * check the value (`unchecked`) say so.
 */
export function checkDuration(ctx: RenderContext, duration: Duration | undefined, field: DurationField = {}): string | undefined {
  if (duration === undefined) return undefined;
  if (!(duration instanceof Duration)) {
    return ctx.fail(`is ${String(duration)}, not a Duration`, 'write e.g. Duration.seconds(2).');
  }
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isFinite(millis) || millis < 0) {
    return ctx.fail(`is ${millis} ms`, 'a duration is a finite amount of 0 or more, e.g. Duration.millis(500).');
  }
  if (millis > MAX_DURATION_MILLIS) {
    return ctx.fail(
      `is ${millis} ms, longer than a Go duration can hold (about 292 years), so the API server's CEL duration() refuses it`,
      'write a shorter duration, e.g. Duration.days(365).',
    );
  }
  if (millis === 0 && (field.zeroAllowed || field.unchecked)) return '0s';
  if (Number.isInteger(millis) && millis >= 1) {
    // Whole milliseconds: exact integer arithmetic in milliseconds (nanoseconds overflow 2^53 past 104 days).
    for (const [unit, nanosPerUnit] of UNITS.slice(0, 4)) {
      const perUnit = nanosPerUnit / 1_000_000;
      if (millis % perUnit === 0) return `${millis / perUnit}${unit}`;
    }
  }
  // Count nanoseconds (Istio's precision), rounding away float noise only (1.001 s is 1001 ms).
  const exact = millis * 1_000_000;
  const nanos = Math.round(exact);
  if (millis > 0 && (nanos === 0 || Math.abs(nanos - exact) > 1e-6 * Math.max(1, exact))) {
    return ctx.fail(`is ${millis} ms, finer than a nanosecond`, 'Istio durations count whole nanoseconds.');
  }
  if (!field.unchecked) {
    if (nanos < 1_000_000) {
      return ctx.fail(`is ${millis} ms`, 'Istio rejects durations under 1 ms; write e.g. Duration.millis(1) or more, or leave the prop out.');
    }
    if (nanos % 1_000_000 !== 0) {
      return ctx.fail(`is ${millis} ms`, `Istio takes whole milliseconds only; write e.g. Duration.millis(${Math.round(millis)}).`);
    }
  }
  for (const [unit, size] of UNITS) {
    if (nanos % size === 0) return `${nanos / size}${unit}`;
  }
  return `${nanos}ns`;
}

/** Copies `obj` without its `undefined` fields; `undefined` when nothing is left. */
export function compactObject(obj: Record<string, any>): Record<string, any> | undefined {
  const out = withoutUndefined(obj);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Copies `obj` without its `undefined` fields (possibly empty). */
export function withoutUndefined(obj: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Returns `list` when it has entries, else undefined (so empty lists are not emitted). */
export function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list !== undefined && list.length > 0 ? list : undefined;
}
