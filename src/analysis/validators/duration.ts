/**
 * Duration strings as Istio reads them.
 *
 * Istio's CRDs declare every `google.protobuf.Duration` field as a string checked by the CEL rule
 * `duration(self) >= duration('1ms')`, and CEL parses it with Go's `time.ParseDuration`: an
 * optional sign, then one or more `<number><unit>` terms (`1.5s`, `500ms`, `1h30m`), units
 * `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`; a bare `0` is also accepted. The validation webhook then
 * requires at least 1 ms and a whole number of milliseconds.
 *
 * Everything here is a pure function over strings, so constructs can check props with it too.
 */

/** Nanoseconds per unit suffix accepted by Go's `time.ParseDuration`. */
const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // micro sign
  μs: 1_000n, // Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go durations are int64 nanoseconds. */
const MAX_NANOS = 2n ** 63n - 1n;

/** The longest duration Go (and so CEL's `duration()`) can hold, in whole milliseconds. */
export const MAX_DURATION_MILLIS = Number(MAX_NANOS / 1_000_000n);

export const NANOS_PER_MILLISECOND = 1_000_000n;
export const NANOS_PER_SECOND = 1_000_000_000n;

/** The result of {@link parseDuration}. */
export type DurationParse =
  | { readonly ok: true; readonly nanos: bigint }
  | { readonly ok: false; readonly error: string };

/**
 * Parses a duration string the way Go's `time.ParseDuration` (and so Kubernetes' CEL `duration()`)
 * does. Returns the length in nanoseconds, or why the text is not a duration.
 */
export function parseDuration(text: string): DurationParse {
  const fail = (why: string): DurationParse => ({ ok: false, error: why });
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanos: 0n };
  if (s === '') return fail('it is empty');

  let total = 0n;
  while (s !== '') {
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const whole = number[1];
    const fraction = number[2] ?? '';
    if (whole === '' && fraction === '') {
      return fail(`expected a number at "${s}"`);
    }
    s = s.slice(number[0].length);
    const unitMatch = /^[^0-9.]*/.exec(s)!;
    const unit = unitMatch[0];
    if (unit === '') {
      return fail(`the number "${number[0]}" has no unit (use ns, us, ms, s, m or h)`);
    }
    const perUnit = UNIT_NANOS[unit];
    if (perUnit === undefined) {
      return fail(`"${unit}" is not a duration unit (use ns, us, ms, s, m or h)`);
    }
    s = s.slice(unit.length);
    let value = (whole === '' ? 0n : BigInt(whole)) * perUnit;
    if (fraction !== '') {
      value += (BigInt(fraction) * perUnit) / 10n ** BigInt(fraction.length);
    }
    total += value;
    if (total > MAX_NANOS + (negative ? 1n : 0n)) {
      return fail('it is longer than the largest duration Go can hold (about 292 years)');
    }
  }
  return { ok: true, nanos: negative ? -total : total };
}

/** Formats nanoseconds for messages: `6s`, `1.5s`, `250ms`, `1m30s`, `2h`. */
export function formatDuration(nanos: bigint): string {
  if (nanos < 0n) return `-${formatDuration(-nanos)}`;
  if (nanos === 0n) return '0s';
  if (nanos < NANOS_PER_MILLISECOND) {
    return nanos % 1_000n === 0n ? `${nanos / 1_000n}us` : `${nanos}ns`;
  }
  if (nanos < NANOS_PER_SECOND) {
    return `${decimal(nanos, NANOS_PER_MILLISECOND)}ms`;
  }
  const hours = nanos / UNIT_NANOS.h;
  let rest = nanos % UNIT_NANOS.h;
  const minutes = rest / UNIT_NANOS.m;
  rest = rest % UNIT_NANOS.m;
  let out = '';
  if (hours > 0n) out += `${hours}h`;
  if (minutes > 0n) out += `${minutes}m`;
  if (rest > 0n) out += `${decimal(rest, NANOS_PER_SECOND)}s`;
  return out;
}

/** `value / unit` as a decimal string without trailing zeros. */
function decimal(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const frac = value % unit;
  if (frac === 0n) return `${whole}`;
  const digits = unit.toString().length - 1;
  return `${whole}.${frac.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Why Istio refuses a duration value. */
export type DurationProblemKind =
  /** Not a duration string at all: the API server's CEL rule fails. */
  | 'unparseable'
  /** Shorter than 1 ms (including 0 and negative values). */
  | 'too-short'
  /** Not a whole number of milliseconds (the webhook only supports ms precision). */
  | 'sub-millisecond'
  /** Not a whole number of seconds where only seconds are honoured (CORS maxAge). */
  | 'sub-second';

/** A duration Istio refuses, with a sentence on why and a suggested value. */
export interface DurationProblem {
  readonly kind: DurationProblemKind;
  /** Why, in words, e.g. `is shorter than 1ms`. */
  readonly reason: string;
  /** A value Istio accepts that is closest to what was written, when there is one. */
  readonly suggestion?: string;
}

/** Options of {@link checkIstioDuration}. */
export interface DurationCheckOptions {
  /**
   * Accept values that truncate to 0 ms (the webhook lets `0s` through for
   * `connectionPool.tcp.idleTimeout`, where it disables the timeout, and the CRD has no CEL rule there).
   * @default false
   */
  readonly allowZero?: boolean;
  /**
   * Require whole seconds (CORS `maxAge`, which Envoy only honours to the second).
   * @default false
   */
  readonly wholeSeconds?: boolean;
}

/**
 * Checks a duration field as Istio's API server (CRD CEL rule) and validation webhook do:
 * it must parse, be at least 1 ms and be a whole number of milliseconds.
 * Returns undefined when Istio accepts the value. Non-string values are not judged here (the
 * schema rules report a wrong JSON type).
 */
export function checkIstioDuration(value: unknown, options: DurationCheckOptions = {}): DurationProblem | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseDuration(value);
  if (!parsed.ok) {
    return { kind: 'unparseable', reason: `is not a duration: ${parsed.error}`, suggestion: guessDuration(value) };
  }
  const nanos = parsed.nanos;
  if (options.allowZero && nanos / NANOS_PER_MILLISECOND === 0n) return undefined;
  if (nanos < NANOS_PER_MILLISECOND) {
    return {
      kind: 'too-short',
      reason: nanos < 0n ? 'is negative' : nanos === 0n ? 'is zero' : `is ${formatDuration(nanos)}, shorter than 1ms`,
      suggestion: '1ms',
    };
  }
  if (nanos % NANOS_PER_MILLISECOND !== 0n) {
    const rounded = ((nanos + NANOS_PER_MILLISECOND / 2n) / NANOS_PER_MILLISECOND) * NANOS_PER_MILLISECOND;
    return {
      kind: 'sub-millisecond',
      reason: `is ${formatDuration(nanos)}, which is not a whole number of milliseconds`,
      suggestion: formatDuration(rounded),
    };
  }
  if (options.wholeSeconds && nanos % NANOS_PER_SECOND !== 0n) {
    const rounded = ((nanos + NANOS_PER_SECOND / 2n) / NANOS_PER_SECOND) * NANOS_PER_SECOND;
    return {
      kind: 'sub-second',
      reason: `is ${formatDuration(nanos)}, which is not a whole number of seconds`,
      suggestion: formatDuration(rounded === 0n ? NANOS_PER_SECOND : rounded),
    };
  }
  return undefined;
}

/** For a common slip (a bare number, `5 s`, `5sec`, `1d`), the duration that was probably meant. */
function guessDuration(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  const m = /^(\d+(?:\.\d+)?)(sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours|d|day|days|millis|msec|msecs)?$/.exec(t);
  if (!m) {
    return t !== text && parseDuration(t).ok ? t : undefined;
  }
  const n = m[1];
  switch (m[2]) {
    case undefined: return `${n}s`;
    case 'sec': case 'secs': case 'second': case 'seconds': return `${n}s`;
    case 'min': case 'mins': case 'minute': case 'minutes': return `${n}m`;
    case 'hr': case 'hrs': case 'hour': case 'hours': return `${n}h`;
    case 'd': case 'day': case 'days': return `${Number(n) * 24}h`;
    default: return `${n}ms`;
  }
}

/** Parses a value Istio would accept into nanoseconds; undefined for anything else. */
export function durationNanos(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseDuration(value);
  return parsed.ok ? parsed.nanos : undefined;
}
