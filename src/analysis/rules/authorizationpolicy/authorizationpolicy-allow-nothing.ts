import { Severity } from '../../diagnostic';
import { describeScope, isEmptyList } from '../../facts/authorizationpolicy-scope';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';

export const authorizationPolicyAllowNothing: Rule = {
  id: 'authorizationpolicy-allow-nothing',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.INFO,
  summary: 'An ALLOW AuthorizationPolicy has no rules, so it denies every request to the selected workloads that no other ALLOW policy allows.',
  origin: 'app',
  docs: 'An ALLOW policy without rules matches nothing; since an ALLOW policy then exists for the\n' +
    'workloads, every request that no other ALLOW policy allows is denied. That is Istio\'s\n' +
    '"allow-nothing" (default-deny) pattern; reported as information so the effect is visible.',
  fields: 'spec.rules',
  fix: 'Nothing to fix if deny-by-default is meant; otherwise add rules.',
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
