import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { describeList, valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';
import { principalProblem } from '../../validation/authorizationpolicy';

export const authorizationPolicyInvalidPrincipal: Rule = {
  id: 'authorizationpolicy-invalid-principal',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: 'A principal is not of the form <trustDomain>/ns/<namespace>/sa/<serviceAccount> (e.g. has spiffe://, lacks the trust domain), so it never matches.',
  origin: 'envoy',
  docs: 'A peer principal (in `principals`, `notPrincipals` or a `source.principal` condition) that\n' +
    'cannot be an Istio workload identity: a `spiffe://` prefix, a missing trust domain, the\n' +
    '`namespace/serviceAccount` form of `serviceAccounts`, or names Kubernetes does not allow.\n' +
    'Istio accepts any string, so such a rule silently never matches.' +
    '\n\nA warning, not an error: istioctl validate and analyze accept any principal string (a bare\n' +
    'name could even match a non-Istio peer certificate); this check goes beyond istioctl.',
  fields: 'from[].source.principals',
  fix: 'Write <trustDomain>/ns/<namespace>/sa/<serviceAccount> without spiffe://.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'principal') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const problem = principalProblem(v);
          if (!problem) return;
          report({
            object: ap,
            path: [...list.path, k],
            message:
              `Principal "${v}" in ${describeList(list)} never matches a workload identity: ${problem.reason}. ` +
              'Istio compares principals with "<trust domain>/ns/<namespace>/sa/<service account>".',
            fix: problem.suggestion
              ? `Write "${problem.suggestion}" (use your mesh's trust domain if it is not cluster.local)${/^[^/]+\/[^/]+$/.test(v) ? `, or move "${v}" to serviceAccounts` : ''}.`
              : 'Write the identity as "cluster.local/ns/<namespace>/sa/<service account>" (your mesh\'s trust domain first), or a prefix such as "cluster.local/ns/<namespace>/*".',
          });
        });
      }
    }
  },
};
