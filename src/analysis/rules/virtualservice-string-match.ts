import { Severity } from '../diagnostic';
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { Report, Rule } from '../rule';
import { httpRoutesOf, objectAt } from './virtualservice-http-routes';
import { arrayOf } from './virtualservice-routes';
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
function stringMatchesOf(vs: ObjectRecord): Array<StringMatchRef & { label: string }> {
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

/**
 * Regexes Istio's validation webhook refuses, checked with RE2 (the engine Envoy runs, via
 * re2js; never JavaScript's RegExp, which accepts lookarounds and backreferences RE2 does not):
 * empty, longer than 1024 bytes, or not RE2 syntax. Covers `match[].uri|scheme|method|authority`,
 * `headers`, `withoutHeaders` (where `*` alone means "present" and is allowed), `queryParams`,
 * `corsPolicy.allowOrigins[].regex` and `rewrite.uriRegexRewrite.match`.
 *
 * istioctl's own regex analyzer (IST0122) only warns, but the webhook rejects the object, so this
 * is an error.
 */
export const virtualServiceInvalidRegex: Rule = {
  id: 'virtualservice-invalid-regex',
  severity: Severity.ERROR,
  istioCode: 'IST0122',
  summary: 'A VirtualService regex (match, CORS origin, URI rewrite) is empty, over 1024 bytes, or not valid RE2 syntax.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const sm of stringMatchesOf(vs)) {
        if (typeof sm.match.regex !== 'string') continue;
        if (sm.starMeansPresent && sm.match.regex === '*') continue;
        reportRegex(report, vs, sm.match.regex, [...sm.path, 'regex'], `${sm.label}: ${sm.field}.regex`);
      }
      for (const r of httpRoutesOf(vs)) {
        arrayOf(objectAt(r.route, 'corsPolicy')?.allowOrigins).forEach((o, k) => {
          // An empty origin regex is reported by virtualservice-invalid-cors (Istio's message differs).
          if (isPlainObject(o) && typeof o.regex === 'string' && o.regex !== '') {
            reportRegex(report, vs, o.regex, [...r.path, 'corsPolicy', 'allowOrigins', k, 'regex'], `${r.label}: corsPolicy.allowOrigins[${k}].regex`);
          }
        });
        const rr = objectAt(objectAt(r.route, 'rewrite'), 'uriRegexRewrite');
        // An empty match is reported by virtualservice-invalid-rewrite.
        if (rr && typeof rr.match === 'string' && rr.match !== '') {
          reportRegex(report, vs, rr.match, [...r.path, 'rewrite', 'uriRegexRewrite', 'match'], `${r.label}: rewrite.uriRegexRewrite.match`);
        }
      }
    }
  },
};

function reportRegex(report: Report, vs: ObjectRecord, pattern: string, path: Array<string | number>, field: string): void {
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

/**
 * String matches with an empty `prefix` in `scheme`, `method`, `authority`, `headers`,
 * `withoutHeaders` or `queryParams`: Istio's webhook refuses them (Envoy's string matcher needs a
 * non-empty prefix). An empty `uri` prefix is allowed and matches every path.
 */
export const virtualServiceEmptyPrefixMatch: Rule = {
  id: 'virtualservice-empty-prefix-match',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService scheme/method/authority/header/query-parameter match has an empty prefix.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const sm of stringMatchesOf(vs)) {
        if (!sm.prefixMustBeNonEmpty || sm.match.prefix !== '') continue;
        const isHeader = sm.path.includes('headers') || sm.path.includes('withoutHeaders') || sm.path.includes('queryParams');
        report({
          object: vs,
          path: [...sm.path, 'prefix'],
          message: `${sm.label}: ${sm.field}.prefix is the empty string ""; Istio's validation webhook rejects an empty prefix here.`,
          fix: isHeader
            ? 'To match any value of a present header or parameter use regex: ".*" (or withoutHeaders to require absence); otherwise write the prefix.'
            : 'Write the prefix to match, or remove this match field to match every value.',
        });
      }
    }
  },
};
