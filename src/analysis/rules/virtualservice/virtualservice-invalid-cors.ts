import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf, objectAt } from '../../resources/http-routes';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { CORS_METHODS, corsHeaderNameProblem } from '../../validators/http';

export const virtualServiceInvalidCors: Rule = {
  id: 'virtualservice-invalid-cors',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService corsPolicy has an empty origin match, an unknown (or lower-case) method, or an invalid header name.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'CORS policies Istio\'s validation webhook refuses: an `allowOrigins` entry whose exact, prefix\n' +
    'or regex value is empty (or that has none); an `allowMethods` entry that is not an upper-case\n' +
    'HTTP method or `*`; an `allowHeaders`/`exposeHeaders` name that is empty or not an HTTP token\n' +
    '(`*` is allowed). Origin regexes are checked by `virtualservice-invalid-regex` and `maxAge` by\n' +
    '`virtualservice-invalid-duration`.',
  fields: 'spec.http[].corsPolicy',
  fix: 'Use non-empty origin matches, upper-case HTTP methods and header tokens.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const cors = objectAt(r.route, 'corsPolicy');
        if (!cors) continue;
        const path = [...r.path, 'corsPolicy'];
        arrayOf(cors.allowOrigins).forEach((o, i) => {
          const value = isPlainObject(o) ? o.exact ?? o.prefix ?? o.regex : undefined;
          if (typeof value === 'string' && value !== '') return;
          if (value !== undefined && typeof value !== 'string') return; // a wrong type is a schema finding
          report({
            object: vs,
            path: [...path, 'allowOrigins', i],
            message: `${r.label}: corsPolicy.allowOrigins[${i}] ${JSON.stringify(o)} has no origin to match (exact, prefix or regex is missing or empty); Istio rejects it.`,
            fix: 'Write the origin, e.g. { exact: "https://example.com" }, or { regex: ".*" } to allow any origin.',
          });
        });
        arrayOf(cors.allowMethods).forEach((m, i) => {
          if (typeof m !== 'string' || CORS_METHODS.includes(m)) return;
          const upper = m.trim().toUpperCase();
          report({
            object: vs,
            path: [...path, 'allowMethods', i],
            message: `${r.label}: corsPolicy.allowMethods[${i}] ${JSON.stringify(m)} is not a supported HTTP method; Istio rejects it (methods are case-sensitive).`,
            fix: CORS_METHODS.includes(upper) ? `Write "${upper}".` : `Use one of ${CORS_METHODS.join(', ')}.`,
          });
        });
        for (const field of ['allowHeaders', 'exposeHeaders'] as const) {
          arrayOf(cors[field]).forEach((h, i) => {
            if (typeof h !== 'string') return;
            const problem = corsHeaderNameProblem(h);
            if (!problem) return;
            report({
              object: vs,
              path: [...path, field, i],
              message: `${r.label}: corsPolicy.${field}[${i}] ${JSON.stringify(h)} is invalid: ${problem}; Istio rejects it.`,
              fix: h.includes(',')
                ? `List each header separately: ${h.split(',').map((x) => JSON.stringify(x.trim())).join(', ')}.`
                : h === '' ? 'Remove the empty entry.' : 'Write the header name without spaces or separators.',
            });
          });
        }
      }
    }
  },
};
