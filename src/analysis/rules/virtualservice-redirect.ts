import { Severity } from '../diagnostic';
import { isPlainObject } from '../manifest';
import { MeshModel } from '../model';
import { Report, Rule } from '../rule';
import { hasText, HttpRouteRef, httpRoutesOf, isSet, objectAt } from './virtualservice-http-routes';
import { arrayOf } from './virtualservice-routes';
import { isAuthorityHeader, isIstioHttpStatus, MAX_ISTIO_HTTP_STATUS, MIN_ISTIO_HTTP_STATUS } from '../validators/http';

/** Direct-response bodies above this are refused; above {@link LARGE_BODY} Istio warns. */
const MAX_BODY = 1024 * 1024;
const LARGE_BODY = 100 * 1024;

/** What else an HTTP route does besides a redirect or direct response, for conflict messages. */
function otherActions(r: HttpRouteRef): Array<{ key: string; text: string }> {
  const out: Array<{ key: string; text: string }> = [];
  if (arrayOf(r.route.route).length > 0) out.push({ key: 'route', text: 'route destinations' });
  if (isSet(r.route, 'fault')) out.push({ key: 'fault', text: 'a fault' });
  if (isSet(r.route, 'rewrite')) out.push({ key: 'rewrite', text: 'a rewrite' });
  return out;
}

/**
 * Redirects Istio's validation webhook refuses: none of `uri`, `authority`, `scheme`, `port` or
 * `derivePort`; a `redirectCode` outside 300..399; a `scheme` other than `http`/`https`; a port
 * above 65535; or a redirect combined with route destinations, a fault, a rewrite or a direct
 * response (or on a route that delegates).
 */
export const virtualServiceInvalidRedirect: Rule = {
  id: 'virtualservice-invalid-redirect',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService redirect changes nothing, has a non-3xx code, a bad scheme or port, or is combined with route/fault/rewrite/directResponse.',
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

/** Size in bytes of a direct-response body (`string`, or base64 `bytes`). */
function bodySize(body: unknown): number | undefined {
  if (!isPlainObject(body)) return undefined;
  if (typeof body.string === 'string') return Buffer.byteLength(body.string, 'utf8');
  if (typeof body.bytes === 'string') return Buffer.from(body.bytes, 'base64').length;
  return undefined;
}

/**
 * Direct responses Istio's validation webhook refuses: a `status` outside 200..600 (or missing),
 * a body over 1 MiB, or a direct response combined with route destinations, a fault or a rewrite.
 */
export const virtualServiceInvalidDirectResponse: Rule = {
  id: 'virtualservice-invalid-direct-response',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService directResponse has a status outside 200..600, a body over 1MiB, or is combined with route/fault/rewrite.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const dr = r.route.directResponse;
        if (dr === undefined || dr === null) continue;
        const path = [...r.path, 'directResponse'];
        if (!isSet(r.route, 'redirect') && !isSet(r.route, 'delegate')) {
          for (const other of otherActions(r)) {
            report({
              object: vs,
              path,
              message: `${r.label} has both a directResponse and ${other.text}; Istio rejects the combination (a direct response answers the request itself).`,
              fix: `Remove ${other.key} from this route, or split it into two routes with different matches.`,
            });
          }
        }
        if (!isPlainObject(dr)) continue;
        const status = dr.status;
        if (status === undefined || status === null) {
          report({
            object: vs,
            path,
            message: `${r.label}: directResponse has no status; Istio requires one between ${MIN_ISTIO_HTTP_STATUS} and ${MAX_ISTIO_HTTP_STATUS}.`,
            fix: 'Add status, e.g. status: 200 or status: 503.',
          });
        } else if (typeof status === 'number' && !isIstioHttpStatus(status)) {
          report({
            object: vs,
            path: [...path, 'status'],
            message: `${r.label}: directResponse.status ${status} is not between ${MIN_ISTIO_HTTP_STATUS} and ${MAX_ISTIO_HTTP_STATUS}; Istio rejects it.`,
            fix: 'Use a status from 200 to 600 (for a redirect, use redirect instead).',
          });
        }
        const size = bodySize(dr.body);
        if (size !== undefined && size > MAX_BODY) {
          report({
            object: vs,
            path: [...path, 'body'],
            message: `${r.label}: the directResponse body is ${size} bytes; Istio rejects bodies over 1 MiB (they are pushed to every proxy).`,
            fix: 'Serve large content from a workload and route to it instead.',
          });
        }
      }
    }
  },
};

/**
 * Direct-response bodies between 100 KiB and 1 MiB: Istio accepts them with a warning, since every
 * proxy receives them in its configuration. Kept a warning, as in Istio.
 */
export const virtualServiceLargeDirectResponse: Rule = {
  id: 'virtualservice-large-direct-response',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A VirtualService directResponse body is over 100KiB (Istio warns: large bodies slow the control plane).',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const size = bodySize(objectAt(r.route, 'directResponse')?.body);
        if (size === undefined || size <= LARGE_BODY || size > MAX_BODY) continue;
        report({
          object: vs,
          path: [...r.path, 'directResponse', 'body'],
          message: `${r.label}: the directResponse body is ${size} bytes (over 100 KiB); Istio accepts it with a warning, as it is pushed to every proxy and slows the control plane.`,
          fix: 'Keep direct responses small; serve large content from a workload.',
        });
      }
    }
  },
};

/**
 * Rewrites Istio's validation webhook refuses: both `uri` and `uriRegexRewrite`; none of `uri`,
 * `uriRegexRewrite` or `authority`; a `uriRegexRewrite` without both `match` and `rewrite`; or the
 * authority set in more than one place (`rewrite.authority` and an `:authority`/`Host` entry in
 * `headers.request.set|add`).
 */
export const virtualServiceInvalidRewrite: Rule = {
  id: 'virtualservice-invalid-rewrite',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService rewrite sets both or neither of uri/uriRegexRewrite (and no authority), an incomplete uriRegexRewrite, or the authority twice.',
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
