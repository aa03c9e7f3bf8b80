import { Severity } from '../../diagnostic';
import { closest } from '../../facts/authorizationpolicy-identity';
import { MeshModel } from '../../model';
import { describeList, valueListsOf } from '../../resources/authorization';
import { namespacePatternMatches } from '../../resources/workloads';
import { Report, Rule } from '../../rule';
import { listSome } from '../../text';

export const authorizationPolicyUnknownNamespace: Rule = {
  id: 'authorizationpolicy-unknown-namespace',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  summary: 'An AuthorizationPolicy namespaces entry matches no namespace of the analysed manifests.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: '`namespaces` / `notNamespaces` (or a `source.namespace` condition) naming a namespace that no\n' +
    'object of the analysed set lives in (wildcards are matched as Istio does). istioctl reports\n' +
    'this as an error (IST0101, referenced namespace not found) against the cluster\'s namespaces;\n' +
    'here the manifests are usually one app of a larger cluster, so it is a warning.',
  fields: 'from[].source.namespaces',
  fix: 'Fix the namespace name, or ignore if it is deployed elsewhere.',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads() || model.authorizationPolicies().length === 0) return;
    const known = model.namespaceNames();
    const namespaces = [...known].sort();
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'namespace') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '' || v === '*') return;
          // Exact names are looked up; only wildcard patterns are tried against every namespace.
          if (v.includes('*') ? namespaces.some((ns) => namespacePatternMatches(v, ns)) : known.has(v)) return;
          const guess = v.includes('*') ? undefined : closest(v, namespaces);
          report({
            object: ap,
            path: [...list.path, k],
            message:
              `${describeList(list)} entry "${v}" matches no namespace of the analysed manifests (${listSome(namespaces, 6)}). ` +
              'The callers may live in a namespace defined elsewhere; if not, this entry matches no one.',
            fix: guess ? `Did you mean "${guess}"?` : 'Check the namespace name, or ignore this if the namespace is managed outside this app.',
          });
        });
      }
    }
  },
};
