import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { describeList, valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';
import { pathTemplateProblem, STRING_MATCHED, wildcardShape } from '../../validation/authorizationpolicy';

/**
 * What Envoy really matches for a value with a misplaced `*`: Istio strips one leading `*` (suffix
 * match), else one trailing `*` (prefix match), else matches exactly; other stars stay literal.
 */
function actualMatch(value: string): string {
  if (value.startsWith('*')) return `a suffix match on the literal "${value.slice(1)}"`;
  if (value.endsWith('*')) return `a prefix match on the literal "${value.slice(0, -1)}"`;
  return `an exact match on the literal "${value}"`;
}

export const authorizationPolicyInvalidWildcard: Rule = {
  id: 'authorizationpolicy-invalid-wildcard',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: 'A principal, path, host, method or condition value has a `*` in the middle, two of them or one at each end; the extra `*` is matched literally, so the value is dead.',
  origin: 'envoy',
  docs: 'A `*` that Istio does not treat as a wildcard. Istio\'s matchers understand `*` alone (any\n' +
    'non-empty value), a leading `*` (suffix match) and a trailing `*` (prefix match); a `*`\n' +
    'anywhere else, two of them, or one at each end, stays a literal character: `/dex/**` is a\n' +
    'prefix match on `/dex/*`, `*a*` a suffix match on `a*`, `a*b` an exact match on `a*b`.\n' +
    'Real requests rarely carry a literal `*`, so such a value is almost certainly dead.\n' +
    'Namespaces are exempt (Istio turns them into a regex where any `*` works) and so are\n' +
    '`serviceAccounts` (the webhook rejects any `*` there).' +
    '\n\nA warning, not an error: istioctl validate and analyze accept these values and the matcher is well defined; this check goes beyond istioctl.',
  fields: 'principals, paths, hosts, methods, values',
  fix: 'Put "*" only at the start or the end, or use {*} path templates.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (!STRING_MATCHED.has(list.attribute)) continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || wildcardShape(v) !== 'invalid') return;
          if (list.attribute === 'path' && (v.includes('{*}') || v.includes('{**}'))) return;
          const segments = v.split('/');
          const templated = list.attribute === 'path' && v.startsWith('/')
            ? segments.map((s) => (s === '*' ? '{*}' : s === '**' ? '{**}' : s)).join('/')
            : undefined;
          const usableTemplate = templated !== undefined && !templated.replace(/\{\*\*?\}/g, '').includes('*') && !pathTemplateProblem(templated);
          const inner = v.replace(/^\*+|\*+$/g, '');
          report({
            object: ap,
            path: [...list.path, k],
            message:
              `${describeList(list)} value "${v}" uses "*" ${v.startsWith('*') && v.endsWith('*') ? 'at both ends' : 'inside the value'}; ` +
              'Istio only treats "*" as a wildcard when it is the whole value, its first character (suffix match) or its last (prefix match), ' +
              `so the other "*" is an ordinary character and this value is ${actualMatch(v)}, which real requests almost never satisfy.`,
            fix: usableTemplate
              ? `Use a path template: "${templated}" ({*} matches one segment, {**} the rest of the path).`
              : list.attribute === 'path'
                ? 'Use a prefix ("/api/*"), a suffix ("*.json"), or a path template with {*} for one segment ("/api/{*}/users").'
                : v.startsWith('*') && v.endsWith('*') && !inner.includes('*')
                  ? `Match a suffix ("*${inner}") or a prefix ("${inner}*"); Istio has no "contains" match, so list the exact values otherwise.`
                  : `Keep one "*" at the start or the end (e.g. "${v.slice(0, v.indexOf('*'))}*"), or list the exact values.`,
          });
        });
      }
    }
  },
};
