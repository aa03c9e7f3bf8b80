import { pathTemplateProblem } from './authorizationpolicy-webhook';
import { Attribute, describeList, valueListsOf } from './authz';
import { isDns1123Subdomain } from './common';
import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { isDns1123Label } from '../../validators/names';

/** How a value uses `*`, following Istio's string matcher (whole value, leading, trailing). */
export type WildcardShape = 'none' | 'any' | 'leading' | 'trailing' | 'invalid';

export function wildcardShape(value: string): WildcardShape {
  if (value === '*') return 'any';
  const count = value.split('*').length - 1;
  if (count === 0) return 'none';
  if (count === 1 && value.startsWith('*')) return 'leading';
  if (count === 1 && value.endsWith('*')) return 'trailing';
  return 'invalid';
}

/** Attributes whose values Istio turns into prefix / suffix / exact string matchers. */
const STRING_MATCHED: ReadonlySet<Attribute> = new Set<Attribute>([
  'principal', 'requestPrincipal', 'host', 'path', 'method', 'header', 'claim', 'sni', 'audience', 'presenter',
]);

const SHAPE = ['<trust domain>', 'ns', '<namespace>', 'sa', '<service account>'];

function tokenProblem(position: number, token: string): string | undefined {
  switch (position) {
    case 0:
      return token === '' ? 'the trust domain is empty' : undefined;
    case 1:
    case 3:
      return token === SHAPE[position] ? undefined : `"${token}" stands where "${SHAPE[position]}" belongs`;
    case 2:
      return isDns1123Label(token) ? undefined : `namespace "${token}" is not a valid namespace name (lower-case letters, digits, "-")`;
    default:
      return isDns1123Subdomain(token) ? undefined : `service account "${token}" is not a valid Kubernetes name (lower-case letters, digits, "-", ".")`;
  }
}

/**
 * Why a peer principal can never match an Istio workload identity
 * (`<trust domain>/ns/<namespace>/sa/<service account>`, compared without `spiffe://`),
 * with a suggested rewrite; undefined when it can. A leading or trailing `*` is allowed: the rest
 * must then fit the end or the start of that shape. Values with a `*` elsewhere are left to
 * authorizationpolicy-invalid-wildcard.
 */
export function principalProblem(value: string): { reason: string; suggestion?: string } | undefined {
  if (value.includes('spiffe://')) {
    return {
      reason: 'it contains "spiffe://", but Istio adds that scheme itself, so the value is compared as "spiffe://spiffe://…" and never matches',
      suggestion: value.replace('spiffe://', ''),
    };
  }
  const shape = wildcardShape(value);
  if (shape === 'any' || shape === 'invalid') return undefined;
  if (shape === 'none') {
    const parts = value.split('/');
    if (parts.length === 4 && parts[0] === 'ns' && parts[2] === 'sa') {
      return { reason: 'it has no trust domain in front of "ns/…"', suggestion: `cluster.local/${value}` };
    }
    if (parts.length === 2 && parts.every((p) => p !== '')) {
      return {
        reason: 'it looks like "namespace/serviceAccount", which is the form of `serviceAccounts`, not of principals',
        suggestion: `cluster.local/ns/${parts[0]}/sa/${parts[1]}`,
      };
    }
    if (parts.length === 1) {
      return { reason: 'it is a bare name, not an identity', suggestion: `cluster.local/ns/<namespace>/sa/${value}` };
    }
    if (parts.length !== 5) return { reason: `it has ${parts.length} "/"-separated parts instead of 5` };
    for (let i = 0; i < 5; i++) {
      const problem = tokenProblem(i, parts[i]);
      if (problem) return { reason: problem, ...(/[A-Z]/.test(value) ? { suggestion: value.toLowerCase() } : {}) };
    }
    return undefined;
  }
  // One `*` at the start (the rest must end like an identity) or at the end (the rest must start like one).
  const rest = shape === 'leading' ? value.slice(1) : value.slice(0, -1);
  const parts = rest.split('/');
  if (parts.length > 5) return { reason: `it has more "/"-separated parts than "${SHAPE.join('/')}"` };
  const offset = shape === 'leading' ? 5 - parts.length : 0;
  for (let k = 0; k < parts.length; k++) {
    const position = offset + k;
    const partial = shape === 'leading' ? k === 0 : k === parts.length - 1;
    const token = parts[k];
    if (partial) {
      // A partial token only has to be a possible end (leading *) or start (trailing *) of the token.
      if (position === 1 || position === 3) {
        const literal = SHAPE[position];
        const fits = shape === 'leading' ? literal.endsWith(token) : literal.startsWith(token);
        if (!fits) return { reason: `"${token}" cannot be part of "${literal}" in "${SHAPE.join('/')}"` };
      } else if (token !== '' && position >= 2 && !/^[a-z0-9.-]+$/.test(token)) {
        return { reason: `"${token}" contains characters a Kubernetes name cannot have` };
      }
      continue;
    }
    const problem = tokenProblem(position, token);
    if (problem) return { reason: problem };
  }
  return undefined;
}

/**
 * A peer principal (in `principals`, `notPrincipals` or a `source.principal` condition) that
 * cannot be an Istio workload identity: a `spiffe://` prefix, a missing trust domain, the
 * `namespace/serviceAccount` form of `serviceAccounts`, or names Kubernetes does not allow.
 * Istio accepts any string, so such a rule silently never matches.
 */
export const authorizationPolicyInvalidPrincipal: Rule = {
  id: 'authorizationpolicy-invalid-principal',
  severity: Severity.ERROR,
  summary: 'A principal is not of the form <trustDomain>/ns/<namespace>/sa/<serviceAccount> (e.g. has spiffe://, lacks the trust domain), so it never matches.',
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

/**
 * A `*` that Istio does not treat as a wildcard. Istio's matchers understand `*` alone (any
 * non-empty value), a leading `*` (suffix match) and a trailing `*` (prefix match); a `*`
 * anywhere else, two of them, or one at each end, is compared literally and never matches.
 * Namespaces are exempt (Istio turns them into a regex where any `*` works) and so are
 * `serviceAccounts` (the webhook rejects any `*` there).
 */
export const authorizationPolicyInvalidWildcard: Rule = {
  id: 'authorizationpolicy-invalid-wildcard',
  severity: Severity.ERROR,
  summary: 'A principal, path, host, method or condition value has a `*` in the middle (or at both ends); Istio compares it literally, so it never matches.',
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
              'so this value is compared literally and never matches.',
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

/**
 * A path (`paths`, `notPaths`) that does not start with `/` or `*`. Request paths always start
 * with `/`, so such a value never matches (a `notPaths` entry never excludes anything).
 */
export const authorizationPolicyRelativePath: Rule = {
  id: 'authorizationpolicy-relative-path',
  severity: Severity.ERROR,
  summary: 'An AuthorizationPolicy path does not start with "/" (or "*"), so it never matches a request path.',
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

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];

/**
 * An HTTP method Istio compares case-sensitively against the request's `:method`: a known method
 * written in lower or mixed case (`get`) never matches (error); any other name is reported as a
 * warning, since extension methods exist but are usually a typo.
 */
export const authorizationPolicyInvalidMethod: Rule = {
  id: 'authorizationpolicy-invalid-method',
  severity: Severity.ERROR,
  summary: 'An AuthorizationPolicy method is a standard method in the wrong case (never matches), or not a standard HTTP method.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'method') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '' || v.includes('*') || METHODS.includes(v)) return;
          const upper = v.toUpperCase();
          if (METHODS.includes(upper)) {
            report({
              object: ap,
              path: [...list.path, k],
              message: `Method "${v}" never matches: Istio compares methods case-sensitively and clients send "${upper}".`,
              fix: `Write "${upper}".`,
            });
            return;
          }
          report({
            object: ap,
            path: [...list.path, k],
            severity: Severity.WARNING,
            message: `Method "${v}" is not a standard HTTP method (${METHODS.join(', ')}); only requests with exactly this method match.`,
            fix: 'Use a standard method in upper case; for gRPC services every call is "POST", so match the RPC with paths ("/package.Service/Method").',
          });
        });
      }
    }
  },
};
