import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { hasText, httpRoutesOf, isSet } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { otherActions } from '../../validation/virtualservice';

export const virtualServiceInvalidRedirect: Rule = {
  id: 'virtualservice-invalid-redirect',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService redirect changes nothing, has a non-3xx code, a bad scheme or port, or is combined with route/fault/rewrite/directResponse.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Redirects Istio\'s validation webhook refuses: none of `uri`, `authority`, `scheme`, `port` or\n' +
    '`derivePort`; a `redirectCode` outside 300..399; a `scheme` other than `http`/`https`; a port\n' +
    'above 65535; or a redirect combined with route destinations, a fault, a rewrite or a direct\n' +
    'response (or on a route that delegates).',
  fields: 'spec.http[].redirect',
  fix: 'Change something (uri, authority, scheme, port), use a 3xx code, and drop route/fault/rewrite/directResponse.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const redirect = r.route.redirect;
        if (redirect === undefined || redirect === null) continue;
        const path = [...r.path, 'redirect'];
        if (isSet(r.route, 'delegate')) {
          report({
            object: vs,
            path,
            message: `${r.label} delegates to another VirtualService and also redirects; Istio rejects a redirect on a delegating route.`,
            fix: 'Move the redirect into the delegate VirtualService, or remove delegate.',
          });
          continue;
        }
        for (const other of otherActions(r)) {
          report({
            object: vs,
            path,
            message: `${r.label} has both a redirect and ${other.text}; Istio rejects the combination (a redirect answers the request itself).`,
            fix: `Remove ${other.key} from this route, or split it into two routes with different matches.`,
          });
        }
        if (isSet(r.route, 'directResponse')) {
          report({
            object: vs,
            path,
            message: `${r.label} has both a redirect and a directResponse; Istio rejects the combination.`,
            fix: 'Keep one of them.',
          });
        }
        if (!isPlainObject(redirect)) continue;
        if (!hasText(redirect, 'uri') && !hasText(redirect, 'authority') && !hasText(redirect, 'scheme') &&
            !isSet(redirect, 'port') && !isSet(redirect, 'derivePort')) {
          report({
            object: vs,
            path,
            message: `${r.label}: redirect ${JSON.stringify(redirect)} sets none of uri, authority, scheme, port or derivePort, so it would redirect to the same URL; Istio rejects it.`,
            fix: 'Say where to redirect, e.g. redirect: { uri: "/new-path" } or { scheme: "https" }.',
          });
        }
        const code = redirect.redirectCode;
        if (typeof code === 'number' && code !== 0 && (code < 300 || code > 399)) {
          report({
            object: vs,
            path: [...path, 'redirectCode'],
            message: `${r.label}: redirect.redirectCode ${code} is not a 3xx status; Istio rejects it.`,
            fix: 'Use 301 (moved permanently), 302 (found, the default), 307 or 308; for other statuses use directResponse.',
          });
        }
        if (typeof redirect.scheme === 'string' && redirect.scheme !== '' && redirect.scheme !== 'http' && redirect.scheme !== 'https') {
          const lower = redirect.scheme.toLowerCase().replace(/:\/*$/, '');
          report({
            object: vs,
            path: [...path, 'scheme'],
            message: `${r.label}: redirect.scheme ${JSON.stringify(redirect.scheme)} is neither "http" nor "https"; Istio rejects it.`,
            fix: lower === 'http' || lower === 'https' ? `Write scheme: "${lower}".` : 'Use scheme: "https" or "http".',
          });
        }
        if (typeof redirect.port === 'number' && redirect.port > 65535) {
          report({
            object: vs,
            path: [...path, 'port'],
            message: `${r.label}: redirect.port ${redirect.port} is not in 1..65535; Istio rejects it.`,
            fix: 'Use a port from 1 to 65535, or derivePort: FROM_PROTOCOL_DEFAULT / FROM_REQUEST_PORT.',
          });
        }
      }
    }
  },
};
