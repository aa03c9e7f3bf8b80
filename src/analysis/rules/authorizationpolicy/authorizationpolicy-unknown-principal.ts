import { Severity } from '../../diagnostic';
import { accountsByNamespace, closest, identityParts } from '../../facts/authorizationpolicy-identity';
import { MeshModel } from '../../model';
import { describeList, valueListsOf } from '../../resources/authorization';

import { Report, Rule } from '../../rule';
import { listSome } from '../../text';

export const authorizationPolicyUnknownPrincipal: Rule = {
  id: 'authorizationpolicy-unknown-principal',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: 'A principal or service account names a namespace that is not in the app, or a service account no workload of the app runs as.',
  origin: 'app',
  docs: 'A principal or service account naming a namespace that is not in the analysed manifests, or a\n' +
    'service account no workload of its namespace runs as. The caller may be deployed elsewhere\n' +
    '(another app or chart), so this is a warning; otherwise the rule matches no one. Judged only\n' +
    'when the analysed set holds workloads (and, for the account, workloads in that namespace).',
  fields: 'principals, serviceAccounts',
  fix: 'Fix the namespace or service account name, or ignore if it is deployed elsewhere.',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads() || model.authorizationPolicies().length === 0) return;
    const namespaces = model.namespaceNames();
    const accounts = accountsByNamespace(model);
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'principal' && list.attribute !== 'serviceAccount') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const { namespace, account } = identityParts(list.attribute, v, ap.namespace);
          if (namespace === undefined) return;
          const path = [...list.path, k];
          if (!namespaces.has(namespace)) {
            const guess = closest(namespace, namespaces);
            report({
              object: ap,
              path,
              message:
                `"${v}" in ${describeList(list)} names namespace "${namespace}", which is not in the analysed manifests ` +
                `(namespaces here: ${listSome([...namespaces].sort(), 6)}). The caller may live elsewhere; if not, this entry matches no one.`,
              fix: guess
                ? `Did you mean namespace "${guess}"? If the caller is deployed outside this app, this warning can be ignored.`
                : 'Check the namespace name; if the caller is deployed outside this app, this warning can be ignored.',
            });
            return;
          }
          const used = accounts.get(namespace);
          if (account === undefined || !used || used.has(account)) return;
          const guess = closest(account, used);
          report({
            object: ap,
            path,
            message:
              `"${v}" in ${describeList(list)} names service account "${account}" of namespace ${namespace}, but no workload of the app there runs as it ` +
              `(they run as ${[...used].sort().map((a) => `"${a}"`).join(', ')}). The caller may be deployed elsewhere; if not, this entry matches no one.`,
            fix: guess
              ? `Did you mean "${guess}"? Otherwise set serviceAccountName "${account}" on the calling workload.`
              : `Set serviceAccountName "${account}" on the calling workload, or name one of the accounts above.`,
          });
        });
      }
    }
  },
};
