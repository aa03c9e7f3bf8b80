import { isPlainObject, ObjectRecord } from '../manifest';
import { httpRoutesOf } from '../resources/http-routes';
import { arrayOf } from '../resources/virtualservice';
import { Report } from '../rule';
import { checkIstioRegex } from '../validators/regex';

/** A `StringMatch` of an HTTP route, with where it sits. */
interface StringMatchRef {
  readonly match: Record<string, any>;
  readonly path: Array<string | number>;
  /** Field name for messages, e.g. `match[0].headers["x-user"]`. */
  readonly field: string;
  /** Whether Istio refuses an empty prefix here (every place but `uri`). */
  readonly prefixMustBeNonEmpty: boolean;
  /** Whether the regex `*` is allowed (withoutHeaders, where it means "header present"). */
  readonly starMeansPresent: boolean;
}

/** Every StringMatch under `spec.http[].match[]`. */
export function stringMatchesOf(vs: ObjectRecord): Array<StringMatchRef & { label: string }> {
  const out: Array<StringMatchRef & { label: string }> = [];
  for (const r of httpRoutesOf(vs)) {
    arrayOf(r.route.match).forEach((m, i) => {
      if (!isPlainObject(m)) return;
      for (const key of ['uri', 'scheme', 'method', 'authority']) {
        if (isPlainObject(m[key])) {
          out.push({
            label: r.label,
            match: m[key],
            path: [...r.path, 'match', i, key],
            field: `match[${i}].${key}`,
            prefixMustBeNonEmpty: key !== 'uri',
            starMeansPresent: false,
          });
        }
      }
      for (const key of ['headers', 'withoutHeaders', 'queryParams']) {
        if (!isPlainObject(m[key])) continue;
        for (const [name, sm] of Object.entries(m[key])) {
          if (!isPlainObject(sm)) continue;
          out.push({
            label: r.label,
            match: sm,
            path: [...r.path, 'match', i, key, name],
            field: `match[${i}].${key}[${JSON.stringify(name)}]`,
            prefixMustBeNonEmpty: true,
            starMeansPresent: key === 'withoutHeaders',
          });
        }
      }
    });
  }
  return out;
}

export function reportRegex(report: Report, vs: ObjectRecord, pattern: string, path: Array<string | number>, field: string): void {
  const problem = checkIstioRegex(pattern);
  if (!problem) return;
  const shown = pattern.length > 80 ? `${JSON.stringify(pattern.slice(0, 77))}…` : JSON.stringify(pattern);
  report({
    object: vs,
    path,
    message: `${field} ${shown} ${problem.reason}; Istio's validation webhook rejects it.`,
    fix: problem.hint ?? 'Write a regex that RE2 accepts.',
  });
}
