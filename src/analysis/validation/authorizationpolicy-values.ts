import { Attribute } from '../resources/authorization';
import { isDns1123Label } from '../validators/names';
import { isDns1123Subdomain } from '../validators/subdomain';

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
export const STRING_MATCHED: ReadonlySet<Attribute> = new Set<Attribute>([
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

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];
