import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf } from '../../resources/http-routes';
import { arrayOf, gatewaysOf, MESH_GATEWAY } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { eachOperation, headerBlocks, suggestHeaderName } from '../../validation/virtualservice';
import { headerOperationNameProblem, isJwtClaimHeader, matchHeaderNameProblem } from '../../validators/http';

export const virtualServiceInvalidHeaderName: Rule = {
  id: 'virtualservice-invalid-header-name',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService header name in a match or a header operation is empty, not an HTTP token, or a protected header.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Header names Istio\'s validation webhook refuses:\n' +
    '- in `match[].headers` and `match[].withoutHeaders`: an empty name, or one that is not an\n' +
    '  RFC 7230 token, an HTTP/2 pseudo-header or a JWT claim key (`@request.auth.claims.<claim>`);\n' +
    '  JWT claim keys are refused unless the VirtualService is bound to gateways only;\n' +
    '- in `headers` operations (route and `route[]` level): an empty name, a pseudo-header other\n' +
    '  than `:authority`, or `Host` in removals and responses.',
  fields: 'match[].headers, headers.request/response',
  fix: 'Use an HTTP token as header name; do not set pseudo-headers or Host; route on JWT claims only at gateways.',
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
