import { isPlainObject, ObjectRecord } from '../manifest';
import { describeRoute, routeList } from './virtualservice';
import { checkIstioDuration, DurationCheckOptions, DurationProblemKind } from '../validators/duration';

/** One `spec.http[i]` route of a VirtualService, with its path and name for messages. */
export interface HttpRouteRef {
  readonly vs: ObjectRecord;
  readonly route: Record<string, any>;
  readonly index: number;
  /** `['spec', 'http', i]`. */
  readonly path: Array<string | number>;
  /** `route "name" (#i)` or `route #i`. */
  readonly label: string;
}

/** The routes of each VirtualService record, built once: about twenty rules read them. */
const ROUTES = new WeakMap<ObjectRecord, readonly HttpRouteRef[]>();

/**
 * Every HTTP route of a VirtualService that is an object (indexes stay those of the manifest).
 * The list is shared by every caller of one record, hence read-only.
 */
export function httpRoutesOf(vs: ObjectRecord): readonly HttpRouteRef[] {
  const known = ROUTES.get(vs);
  if (known) return known;
  const out: HttpRouteRef[] = [];
  routeList(vs, 'http').forEach((route, index) => {
    if (!isPlainObject(route)) return;
    out.push({ vs, route, index, path: ['spec', 'http', index], label: describeRoute(route, index) });
  });
  ROUTES.set(vs, out);
  return out;
}

/** `obj[key]` when `obj` is an object and the value is an object. */
export function objectAt(obj: unknown, key: string): Record<string, any> | undefined {
  if (!isPlainObject(obj)) return undefined;
  const v = obj[key];
  return isPlainObject(v) ? v : undefined;
}

/** Whether `obj` has `key` set to something other than null/undefined (proto message presence). */
export function isSet(obj: unknown, key: string): boolean {
  return isPlainObject(obj) && obj[key] !== undefined && obj[key] !== null;
}

/** Whether a string field is set to a non-empty string (proto3 strings: `""` is the same as absent). */
export function hasText(obj: unknown, key: string): boolean {
  return isPlainObject(obj) && typeof obj[key] === 'string' && obj[key] !== '';
}

/** A numeric field, or 0 when absent (proto3 scalars), or undefined when not a number. */
export function numberOr0(obj: unknown, key: string): number | undefined {
  if (!isPlainObject(obj) || obj[key] === undefined || obj[key] === null) return 0;
  return typeof obj[key] === 'number' ? obj[key] : undefined;
}

/** The `{ value: n }` of a wrapper/Percent message, when present and numeric. */
export function wrappedNumber(obj: unknown, key: string): number | undefined {
  const v = isPlainObject(obj) ? obj[key] : undefined;
  if (typeof v === 'number') return v;
  if (isPlainObject(v)) return typeof v.value === 'number' ? v.value : v.value === undefined ? 0 : undefined;
  return undefined;
}

/** A message and fix for a duration Istio refuses, shared by the VirtualService and DestinationRule rules. */
export function durationFinding(
  field: string,
  value: unknown,
  options: DurationCheckOptions & { whenAbsent?: string; ignore?: DurationProblemKind[] } = {},
): { message: string; fix: string } | undefined {
  const problem = checkIstioDuration(value, options);
  if (!problem || options.ignore?.includes(problem.kind)) return undefined;
  const shown = JSON.stringify(value);
  switch (problem.kind) {
    case 'unparseable':
      return {
        message: `${field} ${shown} ${problem.reason}; the API server rejects it (its CRD requires "a valid duration greater than 1ms").`,
        fix: problem.suggestion
          ? `Write "${problem.suggestion}".`
          : 'Write a number followed by a unit (ns, us, ms, s, m, h), e.g. "250ms", "1.5s", "2m" or "1h30m".',
      };
    case 'too-short':
      return {
        message: `${field} ${shown} ${problem.reason}; Istio rejects durations below 1ms.`,
        fix: `Use at least "1ms"${options.whenAbsent ? `, or remove the field: ${options.whenAbsent}` : ''}.`,
      };
    case 'sub-millisecond':
      return {
        message: `${field} ${shown} ${problem.reason}; Istio's validation webhook only accepts durations to millisecond precision.`,
        fix: `Round it to whole milliseconds, e.g. "${problem.suggestion}".`,
      };
    case 'sub-second':
      return {
        message: `${field} ${shown} ${problem.reason}; Istio rejects a maxAge with a fraction of a second (it is sent to browsers in whole seconds).`,
        fix: `Round it to whole seconds, e.g. "${problem.suggestion}".`,
      };
  }
}
