import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';
import { pathTemplateProblem } from '../../validation/authorizationpolicy';

export const authorizationPolicyInvalidPathTemplate: Rule = {
  id: 'authorizationpolicy-invalid-path-template',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy path uses {*}/{**} wrongly (not a whole segment, {**} not last, braces or "*" elsewhere in a template).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s `CheckValidPathTemplate` on `paths` / `notPaths`: `{*}` (one segment) and `{**}` (any\n' +
    'rest) must each be a whole segment, `{**}` must come last, and the other segments of a template\n' +
    'must be plain URL characters (no `*`, no stray braces).',
  fields: 'to[].operation.paths',
  fix: 'Use {*} and {**} as whole segments, {**} last.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'path' || list.kind !== 'operation') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const problem = pathTemplateProblem(v);
          if (!problem) return;
          report({
            object: ap,
            path: [...list.path, k],
            message: `Path "${v}" is not a valid path template: ${problem}; Istio rejects it.`,
            fix: 'Use {*} for exactly one segment and {**} for the rest of the path, each as a whole segment, e.g. "/api/{*}/orders/{**}"; or a plain prefix match "/api/*".',
          });
        });
      }
    }
  },
};
