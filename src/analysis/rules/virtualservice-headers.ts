import { Severity } from '../diagnostic';
import { isPlainObject } from '../manifest';
import { MeshModel } from '../model';
import { Report, Rule } from '../rule';
import { HttpRouteRef, httpRoutesOf } from './virtualservice-http-routes';
import { arrayOf, gatewaysOf, MESH_GATEWAY } from './virtualservice-routes';
import {
  HeaderOperation,
  headerOperationNameProblem,
  headerValueProblem,
  isJwtClaimHeader,
  matchHeaderNameProblem,
} from '../validators/http';

/** A `headers` block (route level or destination level) of an HTTP route. */
interface HeadersBlock {
  readonly headers: Record<string, any>;
  readonly path: Array<string | number>;
  readonly where: string;
}

/** The route's own `headers` and each `route[j].headers`. */
function headerBlocks(r: HttpRouteRef): HeadersBlock[] {
  const out: HeadersBlock[] = [];
  if (isPlainObject(r.route.headers)) out.push({ headers: r.route.headers, path: [...r.path, 'headers'], where: 'headers' });
  arrayOf(r.route.route).forEach((rd, j) => {
    if (isPlainObject(rd) && isPlainObject(rd.headers)) {
      out.push({ headers: rd.headers, path: [...r.path, 'route', j, 'headers'], where: `route[${j}].headers` });
    }
  });
  return out;
}

/** Calls `fn` for every header name (and value, for set/add) written in a headers block. */
function eachOperation(
  block: HeadersBlock,
  fn: (op: HeaderOperation, name: string, value: unknown, path: Array<string | number>, field: string) => void,
): void {
  for (const side of ['request', 'response'] as const) {
    const ops = block.headers[side];
    if (!isPlainObject(ops)) continue;
    for (const verb of ['set', 'add'] as const) {
      if (!isPlainObject(ops[verb])) continue;
      for (const [name, value] of Object.entries(ops[verb])) {
        fn(`${side}-${verb}`, name, value, [...block.path, side, verb, name], `${block.where}.${side}.${verb}`);
      }
    }
    arrayOf(ops.remove).forEach((name, i) => {
      if (typeof name === 'string') fn(`${side}-remove`, name, undefined, [...block.path, side, 'remove', i], `${block.where}.${side}.remove`);
    });
  }
}

/**
 * Header names Istio's validation webhook refuses:
 * - in `match[].headers` and `match[].withoutHeaders`: an empty name, or one that is not an
 *   RFC 7230 token, an HTTP/2 pseudo-header or a JWT claim key (`@request.auth.claims.<claim>`);
 *   JWT claim keys are refused unless the VirtualService is bound to gateways only;
 * - in `headers` operations (route and `route[]` level): an empty name, a pseudo-header other
 *   than `:authority`, or `Host` in removals and responses.
 */
export const virtualServiceInvalidHeaderName: Rule = {
  id: 'virtualservice-invalid-header-name',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService header name in a match or a header operation is empty, not an HTTP token, or a protected header.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      const gateways = gatewaysOf(vs);
      const gatewayOnly = gateways.length > 0 && !gateways.includes(MESH_GATEWAY);
      for (const r of httpRoutesOf(vs)) {
        arrayOf(r.route.match).forEach((m, i) => {
          if (!isPlainObject(m)) return;
          for (const field of ['headers', 'withoutHeaders'] as const) {
            if (!isPlainObject(m[field])) continue;
            for (const name of Object.keys(m[field])) {
              const path = [...r.path, 'match', i, field, name];
              const problem = matchHeaderNameProblem(name);
              if (problem) {
                report({
                  object: vs,
                  path,
                  message: `${r.label}: match[${i}].${field} name ${JSON.stringify(name)} is invalid: ${problem}; Istio's validation webhook rejects it.`,
                  fix: suggestHeaderName(name),
                });
              } else if (isJwtClaimHeader(name) && !gatewayOnly) {
                report({
                  object: vs,
                  path,
                  message:
                    `${r.label}: match[${i}].${field} uses the JWT claim key ${JSON.stringify(name)}, but the VirtualService ` +
                    `${gateways.length === 0 ? 'has no gateways (it applies to sidecars)' : 'is bound to the mesh gateway'}; ` +
                    'Istio only supports JWT claim routing on gateways and rejects it.',
                  fix: 'Bind this VirtualService to ingress gateways only (spec.gateways without "mesh"), or match on a regular header.',
                });
              }
            }
          }
        });
        for (const block of headerBlocks(r)) {
          eachOperation(block, (op, name, _value, path, field) => {
            const problem = headerOperationNameProblem(name, op);
            if (!problem) return;
            report({
              object: vs,
              path,
              message: `${r.label}: ${field} header ${JSON.stringify(name)} is invalid: ${problem}; Istio's validation webhook rejects it.`,
              fix: name.toLowerCase() === 'host' || name.toLowerCase() === ':authority'
                ? 'Change the authority with rewrite.authority or headers.request.set; it cannot be removed or set on responses.'
                : name === ''
                  ? 'Remove the empty entry.'
                  : 'Remove this entry: Envoy manages pseudo-headers itself (use rewrite.uri for the path).',
            });
          });
        }
      }
    }
  },
};

function suggestHeaderName(name: string): string {
  if (name === '') return 'Remove the empty header name, or write the header to match.';
  const cleaned = name.trim().replace(/[^!#$%&'*+\-.^_`|~A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned !== '' && cleaned !== name
    ? `Header names are tokens without spaces, colons or quotes, e.g. ${JSON.stringify(cleaned)}.`
    : 'Header names are tokens without spaces, colons or quotes.';
}

/**
 * Header values in `headers.request|response.set|add` (route and `route[]` level) that Istio's
 * validation webhook refuses: a control character other than tab, or Envoy's `%VARIABLE%`
 * syntax left unclosed (a literal percent sign must be written `%%`).
 */
export const virtualServiceInvalidHeaderValue: Rule = {
  id: 'virtualservice-invalid-header-value',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService header value has a control character or a malformed Envoy %VARIABLE% (a literal % must be %%).',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        for (const block of headerBlocks(r)) {
          eachOperation(block, (_op, name, value, path, field) => {
            if (typeof value !== 'string') return;
            const problem = headerValueProblem(value);
            if (!problem) return;
            const escaped = value.replace(/%/g, '%%');
            report({
              object: vs,
              path,
              message: `${r.label}: ${field} value ${JSON.stringify(value)} of header ${JSON.stringify(name)} is invalid: ${problem}; Istio's validation webhook rejects it.`,
              fix: !problem.includes('control character')
                ? `Write ${JSON.stringify(escaped)} for a literal value, or close the variable as %NAME%.`
                : 'Remove line breaks and other control characters from the value.',
            });
          });
        }
      }
    }
  },
};
