import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { ipOrCidrProblem } from '../../validators/ip';
import { arrayOf } from '../virtualservice-routes';
import { actionOf, CONDITION_KEYS, CONDITION_MAP_KEYS, describeList, OPERATION_FIELDS, rulesOf, SOURCE_FIELDS, valueListsOf } from './authz';

/** A list that is written (even empty), as Go's `!= nil` sees a decoded repeated field. */
function isWritten(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function nonEmptyList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

const CUSTOM_UNSUPPORTED_SOURCE = ['namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals'];

/**
 * Istio's action checks of `ValidateAuthorizationPolicy`: DENY and CUSTOM need `rules` (use
 * `rules: [{}]` to match every request), CUSTOM needs `provider.name` and cannot match on peer
 * or request identity, and `provider` is only for CUSTOM.
 */
export const authorizationPolicyInvalidAction: Rule = {
  id: 'authorizationpolicy-invalid-action',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy action does not fit its rules or provider (DENY/CUSTOM without rules, CUSTOM without provider or on identities, provider without CUSTOM).',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (!isPlainObject(ap.spec)) continue;
      const action = actionOf(ap);
      const rules = ap.spec.rules;
      const hasRules = nonEmptyList(rules);
      if ((action === 'DENY' || action === 'CUSTOM') && !hasRules) {
        report({
          object: ap,
          path: isWritten(rules) ? ['spec', 'rules'] : ['spec', 'action'],
          message:
            `A ${action} policy without rules is never triggered (Istio rejects it: "${action} action without \`rules\` is meaningless").`,
          fix: `Add the requests to ${action === 'DENY' ? 'deny' : 'send to the provider'} under rules, or \`rules: [{}]\` to match every request.`,
        });
      }
      const providerName = isPlainObject(ap.spec.provider) && typeof ap.spec.provider.name === 'string' ? ap.spec.provider.name : '';
      if (action === 'CUSTOM' && hasRules && providerName === '') {
        report({
          object: ap,
          path: isPlainObject(ap.spec.provider) ? ['spec', 'provider', 'name'] : ['spec', 'action'],
          message: 'A CUSTOM policy needs `provider.name`, the extension provider (declared in the mesh config) that decides the requests.',
          fix: 'Set provider.name to an extensionProviders entry of the mesh config, e.g. `provider: { name: my-ext-authz }`.',
        });
      }
      if (isWritten(ap.spec.provider) && action !== 'CUSTOM') {
        report({
          object: ap,
          path: ['spec', 'provider'],
          message: `\`provider\` is set on a ${action} policy; Istio only accepts it with action CUSTOM.`,
          fix: 'Set `action: CUSTOM` to delegate the decision to the provider, or remove `provider`.',
        });
      }
      if (action !== 'CUSTOM') continue;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        arrayOf(rule.from).forEach((from, j) => {
          if (!isPlainObject(from) || !isPlainObject(from.source)) return;
          for (const field of CUSTOM_UNSUPPORTED_SOURCE) {
            if (!nonEmptyList(from.source[field])) continue;
            report({
              object: ap,
              path: ['spec', 'rules', i, 'from', j, 'source', field],
              message: `A CUSTOM policy cannot match on from.source.${field} (Istio: "is currently not supported with CUSTOM action").`,
              fix: 'Match on ipBlocks, paths, methods or headers here and let the provider check identities, or move the identity check to an ALLOW/DENY policy.',
            });
          }
        });
        arrayOf(rule.when).forEach((cond, j) => {
          if (!isPlainObject(cond) || typeof cond.key !== 'string') return;
          const key = cond.key;
          if (key === 'source.namespace' || key === 'source.serviceAccount' || key === 'source.principal' || key.startsWith('request.auth.')) {
            report({
              object: ap,
              path: ['spec', 'rules', i, 'when', j, 'key'],
              message: `A CUSTOM policy cannot use the condition "${key}" (Istio: "is currently not supported with CUSTOM action").`,
              fix: 'Check that attribute in the external authorizer, or in a separate ALLOW/DENY policy.',
            });
          }
        });
      });
    }
  },
};

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

/**
 * Istio's structural checks of authorization rules: no null rule, `from`/`to` not written as an
 * empty list, each entry with a non-empty `source`/`operation`, no empty string values,
 * `serviceAccounts` not combined with `principals`/`namespaces` and in `name` or `namespace/name`
 * form, and every `when` entry with a key and at least one of `values`/`notValues`.
 */
export const authorizationPolicyInvalidRule: Rule = {
  id: 'authorizationpolicy-invalid-rule',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy rule has an empty from/to/source/operation, an empty value, a bad serviceAccounts entry, or a condition without key or values.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      rulesOf(ap).forEach((rule, i) => {
        const at = (...rest: Array<string | number>) => ['spec', 'rules', i, ...rest];
        const add = (path: Array<string | number>, message: string, fix: string) => report({ object: ap, path, message, fix });
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

function checkEntries(
  rule: Record<string, any>,
  listField: 'from' | 'to',
  inner: 'source' | 'operation',
  i: number,
  at: (...rest: Array<string | number>) => Array<string | number>,
  add: (path: Array<string | number>, message: string, fix: string) => void,
): void {
  const list = rule[listField];
  if (Array.isArray(list) && list.length === 0) {
    add(at(listField), `Rule ${i} has \`${listField}: []\`; Istio rejects an empty ${listField} list ("\`${listField}\` must not be empty").`,
      `Remove \`${listField}\` to match any ${listField === 'from' ? 'caller' : 'operation'}, or list at least one ${inner}.`);
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

/**
 * Istio's `ValidateAttribute` keys: a `when` key must be one of the supported attributes
 * (`source.ip`, `request.headers[<name>]`, `request.auth.claims[<claim>]`, …); keys of the form
 * `prefix[name]` need a non-empty name in brackets; `destination.labels[…]`,
 * `destination.namespace` and the v1alpha1 `destination.name`/`destination.user` are rejected.
 */
export const authorizationPolicyInvalidCondition: Rule = {
  id: 'authorizationpolicy-invalid-condition',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy `when` condition uses an unknown or replaced key, a `key[name]` without name, or a bad source.serviceAccount value.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        arrayOf(rule.when).forEach((cond, j) => {
          if (!isPlainObject(cond) || typeof cond.key !== 'string' || cond.key === '') return;
          const key = cond.key;
          const path = ['spec', 'rules', i, 'when', j, 'key'];
          const problem = conditionKeyProblem(key);
          if (problem) {
            report({ object: ap, path, message: `Condition key "${key}" is not accepted: ${problem.reason}.`, fix: problem.fix });
            return;
          }
          if (key === 'source.serviceAccount') {
            for (const field of ['values', 'notValues']) {
              if (!Array.isArray(cond[field])) continue;
              const sa = serviceAccountProblem(cond[field]);
              if (!sa) continue;
              report({
                object: ap,
                path: sa.index < 0 ? ['spec', 'rules', i, 'when', j, field] : ['spec', 'rules', i, 'when', j, field, sa.index],
                message: `Condition "source.serviceAccount" ${field}: ${sa.reason} (Istio expects "serviceAccount" or "namespace/serviceAccount").`,
                fix: 'Write each value as "<name>" or "<namespace>/<name>"; use source.principal for patterns.',
              });
            }
          }
        });
      });
    }
  },
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
    const d = distance(head, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  if (!best || bestDistance > Math.max(2, Math.floor(best.length / 4))) return undefined;
  const bracket = key.indexOf('[');
  return bracket >= 0 && !CONDITION_KEYS[best] ? `${best}${key.slice(bracket)}` : best;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}

/**
 * Istio's `ValidateIPs` on `ipBlocks`, `notIpBlocks`, `remoteIpBlocks`, `notRemoteIpBlocks` and
 * the `source.ip`, `remote.ip` and `destination.ip` conditions: each value an IP address or a
 * CIDR block.
 */
export const authorizationPolicyInvalidIp: Rule = {
  id: 'authorizationpolicy-invalid-ip',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy IP block or IP condition is neither an IP address nor a CIDR block.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'ipBlock' && list.attribute !== 'remoteIpBlock' && list.attribute !== 'destinationIp') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const problem = ipOrCidrProblem(v);
          if (!problem) return;
          report({
            object: ap,
            path: [...list.path, k],
            message: `${describeList(list)} value "${v}" is not a valid ${v.includes('/') ? 'CIDR block' : 'IP address'}: ${problem}.`,
            fix: 'Write an address such as "10.0.0.1" or "2001:db8::1", or a CIDR block such as "10.0.0.0/16" (prefix length at most 32 for IPv4, 128 for IPv6).',
          });
        });
      }
    }
  },
};

/**
 * Istio's `ValidatePorts` on `ports`, `notPorts` and the `destination.port` condition: decimal
 * numbers up to 65535. Port 0 passes Istio's check but no connection arrives on it, so it is
 * reported too.
 */
export const authorizationPolicyInvalidPort: Rule = {
  id: 'authorizationpolicy-invalid-port',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy port or destination.port condition is not a port number 1..65535.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'port') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const n = /^[0-9]+$/.test(v) ? Number(v) : NaN;
          if (n >= 1 && n <= 65535) return;
          report({
            object: ap,
            path: [...list.path, k],
            message: Number.isNaN(n)
              ? `${describeList(list)} value "${v}" is not a port number; Istio rejects it ("bad port"). Ports are matched as numbers, without ranges, names or wildcards.`
              : `${describeList(list)} value "${v}" is outside 1..65535${n === 0 ? ' (Istio accepts 0, but no connection arrives on port 0, so it never matches)' : '; Istio rejects it ("bad port")'}.`,
            fix: 'Write the container port number the workload listens on as a string, e.g. "8080"; list several ports one by one.',
          });
        });
      }
    }
  },
};

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

/**
 * Istio's `CheckValidPathTemplate` on `paths` / `notPaths`: `{*}` (one segment) and `{**}` (any
 * rest) must each be a whole segment, `{**}` must come last, and the other segments of a template
 * must be plain URL characters (no `*`, no stray braces).
 */
export const authorizationPolicyInvalidPathTemplate: Rule = {
  id: 'authorizationpolicy-invalid-path-template',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy path uses {*}/{**} wrongly (not a whole segment, {**} not last, braces or "*" elsewhere in a template).',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'path' || list.kind !== 'operation') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const problem = pathTemplateProblem(v);
          if (!problem) return;
          report({
            object: ap,
            path: [...list.path, k],
            message: `Path "${v}" is not a valid path template: ${problem}; Istio rejects it.`,
            fix: 'Use {*} for exactly one segment and {**} for the rest of the path, each as a whole segment, e.g. "/api/{*}/orders/{**}"; or a plain prefix match "/api/*".',
          });
        });
      }
    }
  },
};

/**
 * Istio's webhook warning for a DENY rule that only uses HTTP attributes (no ports, and a `from`
 * with request principals only, or a `to` without ports): on the workload's TCP ports the HTTP
 * part cannot be evaluated and is dropped, so the rule denies all TCP traffic there.
 */
export const authorizationPolicyDenyHttpOnly: Rule = {
  id: 'authorizationpolicy-deny-http-only',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A DENY rule uses only HTTP attributes, so it denies all traffic on the TCP ports of the selected workloads.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (actionOf(ap) !== 'DENY') continue;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        const { fromExists, tcpInFrom, toExists, tcpInTo } = tcpShape(rule);
        if (!((fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo))) return;
        report({
          object: ap,
          path: ['spec', 'rules', i],
          message:
            `DENY rule ${i} matches only on HTTP attributes (no port${fromExists && !tcpInFrom ? ', callers by request principal only' : ''}). ` +
            'On TCP ports of the selected workloads Istio drops what it cannot evaluate, so this rule denies all TCP traffic there ' +
            '("will deny all traffic to TCP ports under its scope").',
          fix: 'Add `to: [{ operation: { ports: ["<http port>"] } }]` to limit the rule to the HTTP port(s) it is meant for.',
        });
      });
    }
  },
};

function tcpShape(rule: Record<string, any>): { fromExists: boolean; tcpInFrom: boolean; toExists: boolean; tcpInTo: boolean } {
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
