import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { rulesOf } from '../../resources/authorization';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { conditionKeyProblem, serviceAccountProblem } from '../../validation/authorizationpolicy';

export const authorizationPolicyInvalidCondition: Rule = {
  id: 'authorizationpolicy-invalid-condition',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy `when` condition uses an unknown or replaced key, a `key[name]` without name, or a bad source.serviceAccount value.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s `ValidateAttribute` keys: a `when` key must be one of the supported attributes\n' +
    '(`source.ip`, `request.headers[<name>]`, `request.auth.claims[<claim>]`, …); keys of the form\n' +
    '`prefix[name]` need a non-empty name in brackets; `destination.labels[…]`,\n' +
    '`destination.namespace` and the v1alpha1 `destination.name`/`destination.user` are rejected.',
  fields: 'spec.rules[].when[].key',
  fix: 'Use a supported key (source.ip, request.headers[…], request.auth.claims[…], …).',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        arrayOf(rule.when).forEach((cond, j) => {
          if (!isPlainObject(cond) || typeof cond.key !== 'string' || cond.key === '') return;
          const key = cond.key;
          const path = ['spec', 'rules', i, 'when', j, 'key'];
          const problem = conditionKeyProblem(key);
          if (problem) {
            report({ object: ap, path, message: `Condition key "${key}" is not accepted: ${problem.reason}.`, fix: problem.fix });
            return;
          }
          if (key === 'source.serviceAccount') {
            for (const field of ['values', 'notValues']) {
              if (!Array.isArray(cond[field])) continue;
              const sa = serviceAccountProblem(cond[field]);
              if (!sa) continue;
              report({
                object: ap,
                path: sa.index < 0 ? ['spec', 'rules', i, 'when', j, field] : ['spec', 'rules', i, 'when', j, field, sa.index],
                message: `Condition "source.serviceAccount" ${field}: ${sa.reason} (Istio expects "serviceAccount" or "namespace/serviceAccount").`,
                fix: 'Write each value as "<name>" or "<namespace>/<name>"; use source.principal for patterns.',
              });
            }
          }
        });
      });
    }
  },
};
