import { Severity } from '../../diagnostic';
import { describeScope, isEmptyList } from '../../facts/authorizationpolicy-scope';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf, rulesOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';

export const authorizationPolicyAllowAllRule: Rule = {
  id: 'authorizationpolicy-allow-all-rule',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: 'An ALLOW AuthorizationPolicy has a rule without from, to or when, so it allows every request to the selected workloads.',
  origin: 'app',
  docs: 'An ALLOW rule without `from`, `to` or `when` matches every request: the policy allows\n' +
    'everything for the workloads it selects, whatever other ALLOW policies say.',
  fields: 'spec.rules[]',
  fix: 'Add from, to or when to the rule, or allow everything on purpose with a comment.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (actionOf(ap) !== 'ALLOW') continue;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule) || !isEmptyList(rule.from) || !isEmptyList(rule.to) || !isEmptyList(rule.when)) return;
        // `from: []` / `to: []` are rejected by the webhook (authorizationpolicy-invalid-rule).
        if (Array.isArray(rule.from) || Array.isArray(rule.to)) return;
        report({
          object: ap,
          path: ['spec', 'rules', i],
          message:
            `ALLOW rule ${i} has no from, to or when, so it matches every request: any caller, authenticated or not, may do anything ` +
            `to ${describeScope(model, ap)}, and other ALLOW policies there no longer restrict anything.`,
          fix:
            'Name the callers (from.source.principals / namespaces) and operations (to.operation methods, paths, ports) this rule is for. ' +
            'If allowing everything is intended, say so by annotating the policy with cdk8s-istio.io/ignore-rules: authorizationpolicy-allow-all-rule.',
        });
      });
    }
  },
};
