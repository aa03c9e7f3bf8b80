import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf, objectAt } from '../../resources/http-routes';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { reportRegex, stringMatchesOf } from '../../validation/virtualservice';

export const virtualServiceInvalidRegex: Rule = {
  id: 'virtualservice-invalid-regex',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService regex (match, CORS origin, URI rewrite) is empty, over 1024 bytes, or not valid RE2 syntax.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers (regex checks)',
  docs: 'Regexes Istio\'s validation webhook refuses, checked with RE2 (the engine Envoy runs, via\n' +
    're2js; never JavaScript\'s RegExp, which accepts lookarounds and backreferences RE2 does not):\n' +
    'empty, longer than 1024 bytes, or not RE2 syntax. Covers `match[].uri|scheme|method|authority`,\n' +
    '`headers`, `withoutHeaders` (where `*` alone means "present" and is allowed), `queryParams`,\n' +
    '`corsPolicy.allowOrigins[].regex` and `rewrite.uriRegexRewrite.match`.\n' +
    '\n' +
    'The webhook rejects the object, so this is an error, and istioctl analyze reports it as a webhook\n' +
    'error, IST0106 (its former regex analyzer, IST0122, is retired).',
  fields: 'StringMatch regex, corsPolicy.allowOrigins, rewrite.uriRegexRewrite',
  fix: 'Write a non-empty RE2 regex of at most 1024 bytes (no look-arounds or backreferences).',
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
