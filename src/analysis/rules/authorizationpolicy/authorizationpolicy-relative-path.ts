import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { describeList, valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';

export const authorizationPolicyRelativePath: Rule = {
  id: 'authorizationpolicy-relative-path',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  summary: 'An AuthorizationPolicy path does not start with "/" (or "*"), so it never matches a request path.',
  origin: 'envoy',
  docs: 'A path (`paths`, `notPaths`) that does not start with `/` or `*`. Request paths always start\n' +
    'with `/`, so such a value never matches (a `notPaths` entry never excludes anything).' +
    '\n\nWhy an error: no request path lacks the leading `/`, so the entry certainly never matches.',
  fields: 'to[].operation.paths',
  fix: 'Start paths with "/".',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'path' || list.kind !== 'operation') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '' || v.startsWith('/') || v.startsWith('*')) return;
          report({
            object: ap,
            path: [...list.path, k],
            message: `${describeList(list)} value "${v}" does not start with "/"; request paths always do, so it never matches${list.negated ? ' and excludes nothing' : ''}.`,
            fix: `Write "/${v}".`,
          });
        });
      }
    }
  },
};
