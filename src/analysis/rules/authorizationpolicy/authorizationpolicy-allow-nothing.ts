import { Severity } from '../../diagnostic';
import { describeScope, isEmptyList } from '../../facts/authorizationpolicy-scope';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';

/**
 * An ALLOW policy without rules matches nothing; since an ALLOW policy then exists for the
 * workloads, every request that no other ALLOW policy allows is denied. That is Istio's
 * "allow-nothing" (default-deny) pattern; reported as information so the effect is visible.
 */
export const authorizationPolicyAllowNothing: Rule = {
  id: 'authorizationpolicy-allow-nothing',
  severity: Severity.INFO,
  summary: 'An ALLOW AuthorizationPolicy has no rules, so it denies every request to the selected workloads that no other ALLOW policy allows.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (actionOf(ap) !== 'ALLOW') continue;
      const spec = isPlainObject(ap.spec) ? ap.spec : undefined;
      if (spec && !isEmptyList(spec.rules)) continue;
      report({
        object: ap,
        path: spec && Array.isArray(spec.rules) ? ['spec', 'rules'] : spec ? ['spec'] : [],
        message:
          `This ALLOW policy has no rules, so it allows nothing: every request to ${describeScope(model, ap)} is denied ` +
          'unless another ALLOW policy there allows it (default-deny).',
        fix: 'Nothing to fix if default-deny is intended; add ALLOW policies for the callers that need access. To allow a caller here, add a rule with from/to.',
      });
    }
  },
};
