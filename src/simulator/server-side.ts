/**
 * The server side of a request: which AuthorizationPolicies and RequestAuthentications bind to
 * the receiving workload, and what they decide, in Istio's order (CUSTOM, DENY, ALLOW; AUDIT
 * only logs).
 */
import { policyValueMatches } from './matching';
import { AuthenticationTrace, AuthorizationTrace, ObjectReference } from './trace';
import { isPlainObject, ObjectRecord } from '../analysis/manifest';
import { labelsMatch, MeshModel } from '../analysis/model';
import { workloadSelectorOf } from '../analysis/resources/selectors';
import { arrayOf } from '../analysis/resources/virtualservice';
import { hasTargetRef, namespacePatternMatches } from '../analysis/resources/workloads';

/** What the policies see of a request at the server. */
export interface ServerRequest {
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly headers: Record<string, string>;
  /** Container port the request arrives on. */
  readonly port: number;
  /** Source identity, known only over mutual TLS. */
  readonly principal?: string;
  readonly sourceNamespace?: string;
  readonly serviceAccount?: string;
  readonly requestPrincipal?: string;
  readonly audiences: string[];
  readonly claims: Record<string, string>;
  readonly presenter?: string;
}

export function refOf(o: ObjectRecord): ObjectReference {
  return { kind: o.kind, namespace: o.namespace, name: o.name };
}

/**
 * Policies of `kind` that bind to a workload by selector (or namespace-wide), in its namespace or
 * in the root namespace (mesh-wide), in input order. `targetRef(s)` policies attach to gateways
 * and waypoints, not to a sidecar's workload, and are left out.
 */
export function policiesFor(model: MeshModel, kind: 'AuthorizationPolicy' | 'RequestAuthentication', namespace: string, labels: Record<string, string>): ObjectRecord[] {
  const byNamespace = model.memo(`simulator.policiesByNamespace.${kind}`, (m) => {
    const out = new Map<string, ObjectRecord[]>();
    const list = kind === 'AuthorizationPolicy' ? m.authorizationPolicies() : m.requestAuthentications();
    for (const p of list) {
      if (hasTargetRef(p)) continue;
      const l = out.get(p.namespace);
      if (l) l.push(p);
      else out.set(p.namespace, [p]);
    }
    return out;
  });
  const candidates = namespace === model.rootNamespace
    ? byNamespace.get(namespace) ?? []
    : [...(byNamespace.get(model.rootNamespace) ?? []), ...(byNamespace.get(namespace) ?? [])];
  return candidates.filter((p) => labelsMatch(workloadSelectorOf(p), labels));
}

/** RequestAuthentication at the workload: the issuers it trusts and what it makes of the request's token. */
export function authenticate(
  policies: readonly ObjectRecord[],
  jwt: { issuer: string; subject: string; audiences: string[]; invalid: boolean } | undefined,
): AuthenticationTrace & { rejected: boolean } {
  const rules: Array<{ issuer: string; audiences: string[] }> = [];
  for (const ra of policies) {
    for (const r of arrayOf(isPlainObject(ra.spec) ? ra.spec.jwtRules : undefined)) {
      if (isPlainObject(r) && typeof r.issuer === 'string') {
        rules.push({ issuer: r.issuer, audiences: arrayOf(r.audiences).filter((a): a is string => typeof a === 'string') });
      }
    }
  }
  const base = { policies: policies.map(refOf), issuers: [...new Set(rules.map((r) => r.issuer))] };
  if (!jwt) {
    return {
      ...base,
      token: 'none',
      rejected: false,
      reason: policies.length === 0
        ? 'no RequestAuthentication applies and the request carries no token'
        : 'the request carries no token; RequestAuthentication only rejects invalid tokens, so it passes without a request principal',
    };
  }
  if (policies.length === 0) {
    return { ...base, token: 'none', rejected: false, reason: 'no RequestAuthentication applies, so the token is not read (no request principal)' };
  }
  const principal = `${jwt.issuer}/${jwt.subject}`;
  if (jwt.invalid) return { ...base, token: 'invalid', rejected: true, reason: 'the token fails verification, so the sidecar answers 401' };
  const rule = rules.find((r) => r.issuer === jwt.issuer);
  if (!rule) {
    return { ...base, token: 'invalid', rejected: true, reason: `no jwtRule trusts issuer ${jwt.issuer}, so the sidecar answers 401` };
  }
  if (rule.audiences.length > 0 && !jwt.audiences.some((a) => rule.audiences.includes(a))) {
    return { ...base, token: 'invalid', rejected: true, reason: `the token's audiences are not among [${rule.audiences.join(', ')}], so the sidecar answers 401` };
  }
  return { ...base, token: 'valid', requestPrincipal: principal, rejected: false, reason: `a valid token of issuer ${jwt.issuer}: request principal ${principal}` };
}

const SOURCE_VALUES: Record<string, (r: ServerRequest) => string | undefined> = {
  principals: (r) => r.principal,
  requestPrincipals: (r) => r.requestPrincipal,
  namespaces: (r) => r.sourceNamespace,
  serviceAccounts: (r) => (r.sourceNamespace && r.serviceAccount ? `${r.sourceNamespace}/${r.serviceAccount}` : undefined),
};

/** Whether one field (`principals` or `notPrincipals`…) holds; `undefined` when the simulator cannot tell. */
function fieldHolds(values: unknown, actual: string | undefined, negated: boolean, match: (p: string, v: string | undefined) => boolean): boolean {
  const list = arrayOf(values).filter((v): v is string => typeof v === 'string');
  const any = list.some((p) => match(p, actual));
  return negated ? !any : any;
}

/** Why a rule does not match the request (undefined when it matches). */
export function ruleFailure(rule: Record<string, any>, r: ServerRequest, unknown: Set<string>): string | undefined {
  const from = arrayOf(rule.from);
  if (from.length > 0) {
    const reasons: string[] = [];
    const ok = from.some((f) => {
      const source = isPlainObject(f) && isPlainObject(f.source) ? f.source : {};
      const failure = sourceFailure(source, r, unknown);
      if (failure) reasons.push(failure);
      return failure === undefined;
    });
    if (!ok) return `from: ${reasons.join('; ')}`;
  }
  const to = arrayOf(rule.to);
  if (to.length > 0) {
    const reasons: string[] = [];
    const ok = to.some((t) => {
      const op = isPlainObject(t) && isPlainObject(t.operation) ? t.operation : {};
      const failure = operationFailure(op, r);
      if (failure) reasons.push(failure);
      return failure === undefined;
    });
    if (!ok) return `to: ${reasons.join('; ')}`;
  }
  for (const c of arrayOf(rule.when)) {
    if (!isPlainObject(c) || typeof c.key !== 'string') continue;
    const actual = conditionValue(c.key, r, unknown);
    if (Array.isArray(c.values) && !fieldHolds(c.values, actual, false, (p, v) => policyValueMatches(p, v))) {
      return `when ${c.key} in [${c.values.join(', ')}], but it is ${actual === undefined ? 'absent' : JSON.stringify(actual)}`;
    }
    if (Array.isArray(c.notValues) && !fieldHolds(c.notValues, actual, true, (p, v) => policyValueMatches(p, v))) {
      return `when ${c.key} not in [${c.notValues.join(', ')}], but it is ${JSON.stringify(actual)}`;
    }
  }
  return undefined;
}

function sourceFailure(source: Record<string, any>, r: ServerRequest, unknown: Set<string>): string | undefined {
  for (const [field, read] of Object.entries(SOURCE_VALUES)) {
    const notField = `not${field[0].toUpperCase()}${field.slice(1)}`;
    const actual = read(r);
    const match = field === 'namespaces' ? (p: string, v: string | undefined) => v !== undefined && namespacePatternMatches(p, v) : (p: string, v: string | undefined) => policyValueMatches(p, v);
    if (source[field] !== undefined && !fieldHolds(source[field], actual, false, match)) {
      return `${field} [${arrayOf(source[field]).join(', ')}], but it is ${actual === undefined ? `unknown${field === 'requestPrincipals' ? ' (no valid token)' : ' (no mutual TLS)'}` : actual}`;
    }
    if (source[notField] !== undefined && !fieldHolds(source[notField], actual, true, match)) {
      return `${notField} [${arrayOf(source[notField]).join(', ')}], but it is ${actual}`;
    }
  }
  for (const field of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks']) {
    if (source[field] !== undefined) {
      unknown.add(field);
      return `${field} cannot be simulated (the client's IP is not known), so it is taken as not matching`;
    }
  }
  return undefined;
}

function operationFailure(op: Record<string, any>, r: ServerRequest): string | undefined {
  const path = r.path.split('?')[0];
  const checks: Array<[string, string | undefined, (p: string, v: string | undefined) => boolean]> = [
    ['methods', r.method, (p, v) => policyValueMatches(p, v)],
    ['paths', path, (p, v) => policyValueMatches(p, v)],
    // Hosts compare case-insensitively; a host without port also matches the authority with one.
    ['hosts', r.host, (p, v) => policyValueMatches(p, v, true) || (v !== undefined && policyValueMatches(p, v.replace(/:[0-9]+$/, ''), true))],
    ['ports', String(r.port), (p, v) => p === v],
  ];
  for (const [field, actual, match] of checks) {
    const notField = `not${field[0].toUpperCase()}${field.slice(1)}`;
    if (op[field] !== undefined && !fieldHolds(op[field], actual, false, match)) {
      return `${field} [${arrayOf(op[field]).join(', ')}], but it is ${actual}`;
    }
    if (op[notField] !== undefined && !fieldHolds(op[notField], actual, true, match)) {
      return `${notField} [${arrayOf(op[notField]).join(', ')}], but it is ${actual}`;
    }
  }
  return undefined;
}

function conditionValue(key: string, r: ServerRequest, unknown: Set<string>): string | undefined {
  const bracket = /^([a-z.]+)\[(.+)\]$/.exec(key);
  if (bracket) {
    if (bracket[1] === 'request.headers') return r.headers[bracket[2].toLowerCase()];
    if (bracket[1] === 'request.auth.claims') return r.claims[bracket[2]];
  }
  switch (key) {
    case 'source.namespace':
      return r.sourceNamespace;
    case 'source.principal':
      return r.principal;
    case 'source.serviceAccount':
      return r.sourceNamespace && r.serviceAccount ? `${r.sourceNamespace}/${r.serviceAccount}` : undefined;
    case 'request.auth.principal':
      return r.requestPrincipal;
    case 'request.auth.audiences':
      return r.audiences[0];
    case 'request.auth.presenter':
      return r.presenter;
    case 'destination.port':
      return String(r.port);
    default:
      unknown.add(key);
      return undefined;
  }
}

/** The first rule of a policy that matches, or why none does. */
function policyMatch(p: ObjectRecord, r: ServerRequest, unknown: Set<string>): { rule: number } | { reason: string } {
  const rules = arrayOf(isPlainObject(p.spec) ? p.spec.rules : undefined);
  if (rules.length === 0) return { reason: 'it has no rules, so it matches no request' };
  const reasons: string[] = [];
  for (let i = 0; i < rules.length; i++) {
    if (!isPlainObject(rules[i])) continue;
    const failure = ruleFailure(rules[i], r, unknown);
    if (failure === undefined) return { rule: i };
    reasons.push(`rules[${i}] ${failure}`);
  }
  return { reason: reasons.join('; ') };
}

function actionOf(p: ObjectRecord): string {
  const a = isPlainObject(p.spec) && typeof p.spec.action === 'string' ? p.spec.action : 'ALLOW';
  return a;
}

function providerOf(p: ObjectRecord): string {
  return isPlainObject(p.spec) && isPlainObject(p.spec.provider) && typeof p.spec.provider.name === 'string' ? p.spec.provider.name : 'its provider';
}

/** The authorization decision at a workload, in Istio's order: CUSTOM, then DENY, then ALLOW. */
export function authorize(policies: readonly ObjectRecord[], r: ServerRequest, notes: string[]): AuthorizationTrace {
  const unknown = new Set<string>();
  const audited = policies.filter((p) => actionOf(p) === 'AUDIT' && 'rule' in policyMatch(p, r, unknown)).map(refOf);
  const done = (t: Omit<AuthorizationTrace, 'audited'>): AuthorizationTrace => {
    for (const u of unknown) notes.push(`AuthorizationPolicy attribute ${u} cannot be simulated; it was taken as not matching.`);
    return { ...t, audited };
  };
  for (const p of policies.filter((x) => actionOf(x) === 'CUSTOM')) {
    const m = policyMatch(p, r, unknown);
    if ('rule' in m) {
      return done({ decision: 'CUSTOM', policy: refOf(p), rule: m.rule, reason: `CUSTOM policy ${p.namespace}/${p.name} sends the request to ${providerOf(p)}, which decides (not simulated)` });
    }
  }
  for (const p of policies.filter((x) => actionOf(x) === 'DENY')) {
    const m = policyMatch(p, r, unknown);
    if ('rule' in m) return done({ decision: 'DENY', policy: refOf(p), rule: m.rule, reason: `DENY policy ${p.namespace}/${p.name} rules[${m.rule}] matches` });
  }
  const allows = policies.filter((x) => actionOf(x) === 'ALLOW');
  if (allows.length === 0) return done({ decision: 'ALLOW', reason: 'no ALLOW policy applies to the workload and no DENY policy matches, so the request is allowed' });
  const reasons: string[] = [];
  for (const p of allows) {
    const m = policyMatch(p, r, unknown);
    if ('rule' in m) return done({ decision: 'ALLOW', policy: refOf(p), rule: m.rule, reason: `ALLOW policy ${p.namespace}/${p.name} rules[${m.rule}] matches` });
    reasons.push(`${p.namespace}/${p.name}: ${m.reason}`);
  }
  return done({
    decision: 'DENY',
    policy: refOf(allows[0]),
    reason: `ALLOW policies apply to the workload and none matches (${reasons.join(' | ')}), so the request is denied`,
  });
}

