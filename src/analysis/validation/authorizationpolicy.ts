/**
 * Istio's validation webhook for AuthorizationPolicy (pkg/config/validation), in one place: the walkers and
 * value checks its webhook-parity rules report from.
 */
import { Severity } from '../diagnostic';
import { isPlainObject } from '../manifest';
import { Attribute, CONDITION_KEYS, CONDITION_MAP_KEYS, OPERATION_FIELDS, SOURCE_FIELDS } from '../resources/authorization';
import { arrayOf } from '../resources/virtualservice';
import { editDistance } from '../text';
import { isDns1123Label, isDns1123Subdomain } from '../validators/names';

/** A list that is written (even empty), as Go's `!= nil` sees a decoded repeated field. */
export function isWritten(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export function nonEmptyList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

export const CUSTOM_UNSUPPORTED_SOURCE = ['namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals'];

/**
 * Why a list of service accounts breaks Istio's `CheckServiceAccount` (`serviceAccounts`,
 * `source.serviceAccount`): at most 16, no `*`, `name` or `namespace/name`, each at most 320
 * characters. Returns the index of the bad value (or -1 for the list) and the reason.
 */
export function serviceAccountProblem(values: unknown[]): { index: number; reason: string } | undefined {
  if (values.length > 16) return { index: -1, reason: `it has ${values.length} entries; Istio allows at most 16` };
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v !== 'string' || v === '') continue; // empty values are reported as such
    if (v.includes('*')) return { index: k, reason: `"${v}" contains "*"; service accounts are matched exactly` };
    const slashes = v.split('/').length - 1;
    if (slashes > 1) return { index: k, reason: `"${v}" is neither "name" nor "namespace/name"` };
    if (v.length > 320) return { index: k, reason: `"${v.slice(0, 40)}…" is longer than 320 characters` };
    if (slashes === 1) {
      const [ns, sa] = v.split('/');
      if (ns === '') return { index: k, reason: `"${v}" has an empty namespace` };
      if (sa === '') return { index: k, reason: `"${v}" has an empty service account name` };
    }
  }
  return undefined;
}

export function checkEntries(
  rule: Record<string, any>,
  listField: 'from' | 'to',
  inner: 'source' | 'operation',
  i: number,
  at: (...rest: Array<string | number>) => Array<string | number>,
  add: (path: Array<string | number>, message: string, fix: string, severity?: Severity) => void,
): void {
  const list = rule[listField];
  if (Array.isArray(list) && list.length === 0) {
    // Istio's "must not be empty" check never fires on YAML: an empty list decodes as an unset
    // field, so the webhook accepts the rule and reads it as having no `from`/`to` at all.
    const any = listField === 'from' ? 'any caller' : 'any operation';
    add(at(listField), `Rule ${i} has \`${listField}: []\`; Istio reads an empty ${listField} list as no \`${listField}\`, so the rule matches ${any}.`,
      `Remove \`${listField}\` if the rule should match ${any}; otherwise list the ${inner}s it is meant for.`, Severity.WARNING);
    return;
  }
  const fields = inner === 'source' ? Object.keys(SOURCE_FIELDS) : Object.keys(OPERATION_FIELDS);
  arrayOf(list).forEach((entry, j) => {
    if (!isPlainObject(entry) || !isWritten(entry[inner])) {
      add(at(listField, j), `${listField}[${j}] of rule ${i} has no \`${inner}\`; Istio rejects it ("\`${listField}.${inner}\` must not be nil").`,
        `Write the ${inner} under ${listField}[${j}].${inner}, or remove the entry.`);
      return;
    }
    const body = entry[inner];
    if (!isPlainObject(body) || !fields.some((f) => nonEmptyList(body[f]))) {
      add(at(listField, j, inner), `${listField}[${j}].${inner} of rule ${i} sets no field; Istio rejects it ("\`${listField}.${inner}\` must not be empty").`,
        inner === 'source'
          ? 'Name the callers (principals, namespaces, serviceAccounts, ipBlocks, requestPrincipals…), or remove `from` to match any caller.'
          : 'Name the operations (ports, methods, paths, hosts…), or remove `to` to match any operation.');
    }
  });
}

/** Replaced or deprecated `when` keys and what to use instead. */
const REPLACED_KEYS: Record<string, string> = {
  'destination.namespace': 'it is replaced by the policy\'s own metadata.namespace; create the policy in that namespace',
  'destination.name': 'it was only supported by the v1alpha1 API; select the workload with spec.selector',
  'destination.user': 'it was only supported by the v1alpha1 API; select the workload with spec.selector',
};

/** Why Istio rejects a `when` key, with the fix; undefined for a supported key. */
export function conditionKeyProblem(key: string): { reason: string; fix: string } | undefined {
  if (CONDITION_KEYS[key]) return undefined;
  for (const m of CONDITION_MAP_KEYS) {
    if (!key.startsWith(m.prefix)) continue;
    const open = key.indexOf('[');
    if (key.endsWith(']') && open > 0 && open < key.length - 2) return undefined;
    const example = m.prefix.endsWith('.') ? `${m.prefix}<filter>[<key>]` : `${m.prefix}[<name>]`;
    return { reason: `it should have the form ${example} ("bad key … should have format a[b]")`, fix: `Write the name in square brackets, e.g. ${example.replace('<name>', 'x-api-key').replace('<filter>', 'name').replace('<key>', 'key')}.` };
  }
  const replaced = REPLACED_KEYS[key];
  if (replaced) return { reason: replaced, fix: 'Remove the condition and scope the policy with its namespace and selector.' };
  if (key.startsWith('destination.labels')) {
    return { reason: 'destination labels are replaced by the workload selector', fix: 'Move the label into spec.selector.matchLabels.' };
  }
  const suggestion = suggestKey(key);
  return {
    reason: 'it is not an attribute Istio supports ("unknown attribute")',
    fix: `${suggestion ? `Did you mean "${suggestion}"? ` : ''}Supported keys: ${Object.keys(CONDITION_KEYS).join(', ')}, ` +
      `${CONDITION_MAP_KEYS.filter((m) => !m.prefix.endsWith('.')).map((m) => `${m.prefix}[<name>]`).join(', ')}.`,
  };
}

function suggestKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  const candidates = [...Object.keys(CONDITION_KEYS), ...CONDITION_MAP_KEYS.filter((m) => !m.prefix.endsWith('.')).map((m) => m.prefix)];
  const exactCase = candidates.find((c) => c.toLowerCase() === lower || (lower.startsWith(c.toLowerCase()) && lower.includes('[')));
  if (exactCase) {
    const bracket = key.indexOf('[');
    return bracket >= 0 && !CONDITION_KEYS[exactCase] ? `${exactCase}${key.slice(bracket)}` : exactCase;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  const head = lower.split('[')[0];
  for (const c of candidates) {
    const d = editDistance(head, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  if (!best || bestDistance > Math.max(2, Math.floor(best.length / 4))) return undefined;
  const bracket = key.indexOf('[');
  return bracket >= 0 && !CONDITION_KEYS[best] ? `${best}${key.slice(bracket)}` : best;
}

const MATCH_ONE = '{*}';

const MATCH_ANY = '{**}';

const PATH_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

/** Why Istio's `CheckValidPathTemplate` rejects `path`, or undefined. */
export function pathTemplateProblem(path: string): string | undefined {
  const isTemplate = path.includes(MATCH_ONE) || path.includes(MATCH_ANY);
  let seenAny = false;
  for (const segment of path.replace(/^\/+|\/+$/g, '').split('/')) {
    if ((segment === MATCH_ONE || segment === MATCH_ANY) && seenAny) return '"{**}" must be the last operator of the template';
    if (segment === MATCH_ONE) continue;
    if (segment === MATCH_ANY) {
      seenAny = true;
      continue;
    }
    if (/[{}]/.test(segment)) return `segment "${segment}" contains "{" or "}" outside a whole-segment {*} or {**}`;
    if (isTemplate && !PATH_LITERAL.test(segment)) {
      return `segment "${segment}" is not a valid literal in a path template${segment.includes('*') ? ' ("*" cannot be mixed with {*}/{**})' : ''}`;
    }
  }
  return undefined;
}

export function tcpShape(rule: Record<string, any>): { fromExists: boolean; tcpInFrom: boolean; toExists: boolean; tcpInTo: boolean } {
  let fromExists = false;
  let tcpInFrom = false;
  let toExists = false;
  let tcpInTo = false;
  for (const from of arrayOf(rule.from)) {
    if (!isPlainObject(from) || !isPlainObject(from.source)) continue;
    fromExists = true;
    const src = from.source;
    const tcpFields = ['principals', 'notPrincipals', 'ipBlocks', 'notIpBlocks', 'namespaces', 'notNamespaces', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts'];
    if (tcpFields.some((f) => isWritten(src[f]))) tcpInFrom = true;
  }
  for (const to of arrayOf(rule.to)) {
    if (!isPlainObject(to) || !isPlainObject(to.operation)) continue;
    toExists = true;
    if (isWritten(to.operation.ports) || isWritten(to.operation.notPorts)) tcpInTo = true;
  }
  return { fromExists, tcpInFrom, toExists, tcpInTo };
}

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
