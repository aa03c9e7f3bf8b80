import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { CONDITION_KEYS, describeList, rulesOf, valueListsOf } from '../../resources/authorization';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { checkEntries, nonEmptyList, serviceAccountProblem } from '../../validation/authorizationpolicy';

export const authorizationPolicyInvalidRule: Rule = {
  id: 'authorizationpolicy-invalid-rule',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy rule has an empty source/operation (an empty from/to list: warning), an empty value, a bad serviceAccounts entry, or a condition without key or values.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s structural checks of authorization rules: no null rule, each `from`/`to` entry with a\n' +
    'non-empty `source`/`operation`, no empty string values,\n' +
    '`serviceAccounts` not combined with `principals`/`namespaces` and in `name` or `namespace/name`\n' +
    'form, and every `when` entry with a key and at least one of `values`/`notValues`. A `from: []` or\n' +
    '`to: []` is only a warning: the webhook\'s "must not be empty" check cannot fire on YAML (an empty\n' +
    'list decodes as an unset field), so Istio accepts the rule and it matches any caller or operation.',
  fields: 'spec.rules[]',
  fix: 'Remove empty from/to/source/operation entries and empty values; give conditions a key and values.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      rulesOf(ap).forEach((rule, i) => {
        const at = (...rest: Array<string | number>) => ['spec', 'rules', i, ...rest];
        const add = (path: Array<string | number>, message: string, fix: string, severity?: Severity) =>
          report({ object: ap, path, message, fix, ...(severity ? { severity } : {}) });
        if (!isPlainObject(rule)) {
          add(at(), `Rule ${i} is ${JSON.stringify(rule)}; Istio rejects a null rule ("\`rule\` must not be nil").`, 'Remove it, or write `{}` for a rule that matches every request.');
          return;
        }
        checkEntries(rule, 'from', 'source', i, at, add);
        checkEntries(rule, 'to', 'operation', i, at, add);
        arrayOf(rule.from).forEach((from, j) => {
          if (!isPlainObject(from) || !isPlainObject(from.source)) return;
          const src = from.source;
          const sa = ['serviceAccounts', 'notServiceAccounts'].filter((f) => nonEmptyList(src[f]));
          const others = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'].filter((f) => nonEmptyList(src[f]));
          if (sa.length > 0 && others.length > 0) {
            add(
              at('from', j, 'source', sa[0]),
              `from[${j}].source sets ${sa.join(', ')} together with ${others.join(', ')}; Istio rejects that ("cannot set serviceAccounts with namespaces or principals").`,
              'Use serviceAccounts ("namespace/name") alone, or principals and namespaces alone, in one source; put the other in a separate `from` entry.',
            );
          }
          for (const field of ['serviceAccounts', 'notServiceAccounts']) {
            if (!Array.isArray(src[field])) continue;
            const problem = serviceAccountProblem(src[field]);
            if (!problem) continue;
            add(
              problem.index < 0 ? at('from', j, 'source', field) : at('from', j, 'source', field, problem.index),
              `${field}: ${problem.reason} (Istio expects "serviceAccount" or "namespace/serviceAccount").`,
              'Write each service account as "<name>" (same namespace as the policy) or "<namespace>/<name>", without wildcards; use principals for patterns.',
            );
          }
        });
        arrayOf(rule.when).forEach((cond, j) => {
          if (!isPlainObject(cond)) {
            add(at('when', j), `when[${j}] is ${JSON.stringify(cond)}; a condition must be an object with key and values.`, 'Write e.g. `{ key: request.headers[x-token], values: ["abc"] }`.');
            return;
          }
          if (typeof cond.key !== 'string' || cond.key === '') {
            add(at('when', j, 'key'), `when[${j}] has no key; Istio rejects it ("\`key\` must not be empty").`, `Set key to a supported attribute, e.g. ${Object.keys(CONDITION_KEYS).slice(0, 3).join(', ')}.`);
          } else if (!nonEmptyList(cond.values) && !nonEmptyList(cond.notValues)) {
            add(at('when', j), `Condition "${cond.key}" has neither values nor notValues; Istio rejects it ("at least one of \`values\` or \`notValues\` must be set").`, `List the values "${cond.key}" must (values) or must not (notValues) have.`);
          }
        });
      });
      for (const list of valueListsOf(ap)) {
        list.values.forEach((v, k) => {
          if (v !== '') return;
          report({
            object: ap,
            path: [...list.path, k],
            message: `${describeList(list)}[${k}] is an empty string; Istio rejects empty values ("empty value not allowed").`,
            fix: `Remove the empty entry, or use "*" to match any non-empty ${describeList(list)} value.`,
          });
        });
      }
    }
  },
};
