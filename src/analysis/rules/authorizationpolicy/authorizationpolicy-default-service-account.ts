import { Severity } from '../../diagnostic';
import { DEFAULT_SA_ANNOTATION, defaultAccountNamespace } from '../../facts/authorizationpolicy-scope';
import { PathSegments } from '../../json-path';
import { MeshModel } from '../../model';
import { actionOf, valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';

export const authorizationPolicyDefaultServiceAccount: Rule = {
  id: 'authorizationpolicy-default-service-account',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: "An AuthorizationPolicy names a namespace's `default` service account, an identity every pod without its own service account shares.",
  origin: 'app',
  docs: 'A policy that trusts (or targets) a namespace\'s `default` service account. Every pod of that\n' +
    'namespace without a service account of its own runs as `default`, so the rule covers all of\n' +
    'them, not only the workload it was written for. The library marks principals it derived from\n' +
    'a workload without service account with the annotation `cdk8s-istio.io/principal-default-sa`;\n' +
    'principals naming `sa/default` and `serviceAccounts` entries `default` are reported too.',
  fields: 'principals, serviceAccounts',
  fix: 'Give the calling workload its own ServiceAccount and name that.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      const annotated = new Set(
        (ap.annotations[DEFAULT_SA_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
      );
      const seen = new Set<string>();
      const reportAt = (path: PathSegments, principal: string, namespace: string, fromAnnotation: boolean) => {
        const verb = actionOf(ap) === 'DENY' ? 'denies' : actionOf(ap) === 'ALLOW' ? 'allows' : 'matches';
        report({
          object: ap,
          path,
          message:
            `"${principal}" is the "default" service account of namespace ${namespace}` +
            `${fromAnnotation ? ', because the workload this rule was built from has no service account of its own' : ''}. ` +
            `Every pod in ${namespace} that sets no service account runs as "default", so this rule ${verb} all of them, not just the intended caller.`,
          fix:
            'Give the calling workload its own ServiceAccount (cdk8s-plus: `serviceAccount: new kplus.ServiceAccount(chart, \'caller-sa\')`) ' +
            'and build the principal from it, so the rule names that workload alone.',
        });
      };
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'principal' && list.attribute !== 'serviceAccount') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || seen.has(v)) return;
          let namespace: string | undefined;
          if (list.attribute === 'principal') {
            namespace = defaultAccountNamespace(v);
          } else if (v === 'default') {
            namespace = ap.namespace;
          } else if (/^[^/]+\/default$/.test(v)) {
            namespace = v.split('/')[0];
          }
          if (namespace === undefined && !annotated.has(v)) return;
          seen.add(v);
          reportAt([...list.path, k], v, namespace ?? ap.namespace, annotated.has(v));
        });
      }
      // Annotated principals not found in the rules (the rules were patched since): point at the annotation.
      for (const principal of annotated) {
        if (seen.has(principal)) continue;
        reportAt(['metadata', 'annotations', DEFAULT_SA_ANNOTATION], principal, defaultAccountNamespace(principal) ?? ap.namespace, true);
      }
    }
  },
};
