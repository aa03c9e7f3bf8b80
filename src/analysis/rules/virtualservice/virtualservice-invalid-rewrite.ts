import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { hasText, httpRoutesOf, objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { isAuthorityHeader } from '../../validators/http';

export const virtualServiceInvalidRewrite: Rule = {
  id: 'virtualservice-invalid-rewrite',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService rewrite sets both or neither of uri/uriRegexRewrite (and no authority), an incomplete uriRegexRewrite, or the authority twice.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Rewrites Istio\'s validation webhook refuses: both `uri` and `uriRegexRewrite`; none of `uri`,\n' +
    '`uriRegexRewrite` or `authority`; a `uriRegexRewrite` without both `match` and `rewrite`; or the\n' +
    'authority set in more than one place (`rewrite.authority` and an `:authority`/`Host` entry in\n' +
    '`headers.request.set|add`).',
  fields: 'spec.http[].rewrite, headers',
  fix: 'Set one of uri or uriRegexRewrite (both match and rewrite), and the authority in one place.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const rewrite = objectAt(r.route, 'rewrite');
        const path = [...r.path, 'rewrite'];
        if (rewrite) {
          const regexRewrite = rewrite.uriRegexRewrite;
          const hasRegex = regexRewrite !== undefined && regexRewrite !== null;
          if (hasText(rewrite, 'uri') && hasRegex) {
            report({
              object: vs,
              path,
              message: `${r.label}: rewrite sets both uri ${JSON.stringify(rewrite.uri)} and uriRegexRewrite; Istio rejects a rewrite with both.`,
              fix: 'Keep uri for a prefix rewrite, or uriRegexRewrite for a regex rewrite.',
            });
          } else if (!hasText(rewrite, 'uri') && !hasRegex && !hasText(rewrite, 'authority')) {
            report({
              object: vs,
              path,
              message: `${r.label}: rewrite ${JSON.stringify(rewrite)} sets none of uri, uriRegexRewrite or authority; Istio rejects it.`,
              fix: 'Say what to rewrite (e.g. rewrite: { uri: "/" }), or remove rewrite.',
            });
          }
          if (isPlainObject(regexRewrite) && (!hasText(regexRewrite, 'match') || !hasText(regexRewrite, 'rewrite'))) {
            const missing = !hasText(regexRewrite, 'match') ? 'match' : 'rewrite';
            report({
              object: vs,
              path: [...path, 'uriRegexRewrite'],
              message: `${r.label}: rewrite.uriRegexRewrite has no ${missing}; Istio requires both match and rewrite.`,
              fix: 'Write e.g. uriRegexRewrite: { match: "^/service/([^/]+)(/.*)$", rewrite: "\\2/instance/\\1" }.',
            });
          }
        }
        // The authority may be changed in one place only.
        const sources: Array<{ value: unknown; path: Array<string | number>; field: string }> = [];
        if (rewrite && typeof rewrite.authority === 'string') {
          sources.push({ value: rewrite.authority, path: [...path, 'authority'], field: 'rewrite.authority' });
        }
        const request = objectAt(objectAt(r.route, 'headers'), 'request');
        for (const verb of ['set', 'add']) {
          const ops = objectAt(request, verb);
          if (!ops) continue;
          for (const [name, value] of Object.entries(ops)) {
            if (isAuthorityHeader(name)) {
              sources.push({ value, path: [...r.path, 'headers', 'request', verb, name], field: `headers.request.${verb}[${JSON.stringify(name)}]` });
            }
          }
        }
        let current: { value: unknown; field: string } | undefined;
        for (const s of sources) {
          if (current && current.value !== '') {
            report({
              object: vs,
              path: s.path,
              message: `${r.label}: ${s.field} sets the authority to ${JSON.stringify(s.value)}, but ${current.field} already sets it to ${JSON.stringify(current.value)}; Istio rejects setting the authority more than once.`,
              fix: 'Set the authority in one place only (rewrite.authority is the usual one).',
            });
            break;
          }
          current = s;
        }
      }
    }
  },
};
