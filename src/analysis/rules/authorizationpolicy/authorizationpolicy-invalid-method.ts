import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';
import { METHODS } from '../../validation/authorizationpolicy';

export const authorizationPolicyInvalidMethod: Rule = {
  id: 'authorizationpolicy-invalid-method',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: 'An AuthorizationPolicy method is a standard method in the wrong case (never matches), or not a standard HTTP method.',
  origin: 'envoy',
  docs: 'An HTTP method Istio compares case-sensitively against the request\'s `:method`: a known method\n' +
    'written in lower or mixed case (`get`) never matches; any other name is reported too, since\n' +
    'extension methods exist but are usually a typo.' +
    '\n\nA warning, not an error: istioctl validate and analyze accept any method string; this check goes beyond istioctl.',
  fields: 'to[].operation.methods',
  fix: 'Write standard methods in upper case (GET, POST, …).',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'method') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '' || v.includes('*') || METHODS.includes(v)) return;
          const upper = v.toUpperCase();
          if (METHODS.includes(upper)) {
            report({
              object: ap,
              path: [...list.path, k],
              message: `Method "${v}" never matches: Istio compares methods case-sensitively and clients send "${upper}".`,
              fix: `Write "${upper}".`,
            });
            return;
          }
          report({
            object: ap,
            path: [...list.path, k],
            message: `Method "${v}" is not a standard HTTP method (${METHODS.join(', ')}); only requests with exactly this method match.`,
            fix: 'Use a standard method in upper case; for gRPC services every call is "POST", so match the RPC with paths ("/package.Service/Method").',
          });
        });
      }
    }
  },
};
