import { PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord } from '../manifest';
import { arrayOf } from './virtualservice';

/** What a value of an AuthorizationPolicy rule is matched against. */
export type Attribute =
  | 'principal'
  | 'namespace'
  | 'serviceAccount'
  | 'trustDomain'
  | 'ipBlock'
  | 'remoteIpBlock'
  | 'requestPrincipal'
  | 'host'
  | 'path'
  | 'method'
  | 'port'
  | 'destinationIp'
  | 'sni'
  | 'header'
  | 'claim'
  | 'audience'
  | 'presenter'
  | 'experimental'
  | 'unknown';

/** `from.source` fields and the attribute each matches. */
export const SOURCE_FIELDS: Record<string, { attribute: Attribute; negated: boolean }> = {
  principals: { attribute: 'principal', negated: false },
  notPrincipals: { attribute: 'principal', negated: true },
  requestPrincipals: { attribute: 'requestPrincipal', negated: false },
  notRequestPrincipals: { attribute: 'requestPrincipal', negated: true },
  namespaces: { attribute: 'namespace', negated: false },
  notNamespaces: { attribute: 'namespace', negated: true },
  serviceAccounts: { attribute: 'serviceAccount', negated: false },
  notServiceAccounts: { attribute: 'serviceAccount', negated: true },
  trustDomains: { attribute: 'trustDomain', negated: false },
  notTrustDomains: { attribute: 'trustDomain', negated: true },
  ipBlocks: { attribute: 'ipBlock', negated: false },
  notIpBlocks: { attribute: 'ipBlock', negated: true },
  remoteIpBlocks: { attribute: 'remoteIpBlock', negated: false },
  notRemoteIpBlocks: { attribute: 'remoteIpBlock', negated: true },
};

/** `to.operation` fields and the attribute each matches. */
export const OPERATION_FIELDS: Record<string, { attribute: Attribute; negated: boolean }> = {
  hosts: { attribute: 'host', negated: false },
  notHosts: { attribute: 'host', negated: true },
  ports: { attribute: 'port', negated: false },
  notPorts: { attribute: 'port', negated: true },
  methods: { attribute: 'method', negated: false },
  notMethods: { attribute: 'method', negated: true },
  paths: { attribute: 'path', negated: false },
  notPaths: { attribute: 'path', negated: true },
};

/** The supported `when` keys (Istio's `security.ValidateAttribute`), exact ones and `prefix[name]` ones. */
export const CONDITION_KEYS: Record<string, Attribute> = {
  'source.ip': 'ipBlock',
  'remote.ip': 'remoteIpBlock',
  'source.namespace': 'namespace',
  'source.serviceAccount': 'serviceAccount',
  'source.principal': 'principal',
  'request.auth.principal': 'requestPrincipal',
  'request.auth.audiences': 'audience',
  'request.auth.presenter': 'presenter',
  'destination.ip': 'destinationIp',
  'destination.port': 'port',
  'connection.sni': 'sni',
};

/** `when` keys written as `prefix[name]`. */
export const CONDITION_MAP_KEYS: Array<{ prefix: string; attribute: Attribute }> = [
  { prefix: 'request.headers', attribute: 'header' },
  { prefix: 'request.experimental.inline.headers', attribute: 'header' },
  { prefix: 'request.auth.claims', attribute: 'claim' },
  { prefix: 'experimental.envoy.filters.', attribute: 'experimental' },
];

/** The attribute a `when` key matches ('unknown' for keys Istio does not support). */
export function conditionAttribute(key: string): Attribute {
  const exact = CONDITION_KEYS[key];
  if (exact) return exact;
  for (const m of CONDITION_MAP_KEYS) {
    if (key.startsWith(m.prefix)) return m.attribute;
  }
  return 'unknown';
}

/** Attributes only an HTTP request has: on a TCP port Istio cannot evaluate them. */
export const HTTP_ONLY_ATTRIBUTES: ReadonlySet<Attribute> = new Set<Attribute>([
  'requestPrincipal', 'host', 'path', 'method', 'header', 'claim', 'audience', 'presenter',
]);

/** Attributes that come from the peer's mTLS certificate: a plain-text caller has none. */
export const IDENTITY_ATTRIBUTES: ReadonlySet<Attribute> = new Set<Attribute>([
  'principal', 'namespace', 'serviceAccount', 'trustDomain',
]);

/** Where a list of values sits in a rule. */
export type SiteKind = 'source' | 'operation' | 'condition';

/** One list of values in an AuthorizationPolicy rule (`principals`, `notMethods`, a `when` entry's `values`…). */
export interface ValueList {
  readonly ruleIndex: number;
  readonly kind: SiteKind;
  /** Field name (`principals`) or, for conditions, the `when` key. */
  readonly field: string;
  readonly attribute: Attribute;
  readonly negated: boolean;
  /** The list as written (elements may be of any type). */
  readonly values: unknown[];
  /** Path of the list. */
  readonly path: PathSegments;
}

/** The rules of a policy (`spec.rules`), indexes kept. */
export function rulesOf(ap: ObjectRecord): unknown[] {
  return isPlainObject(ap.spec) ? arrayOf(ap.spec.rules) : [];
}

/** `spec.action`, `ALLOW` when absent. */
export function actionOf(ap: ObjectRecord): string {
  return isPlainObject(ap.spec) && typeof ap.spec.action === 'string' ? ap.spec.action : 'ALLOW';
}

/** Every list of values in every rule of an AuthorizationPolicy, in document order. */
export function valueListsOf(ap: ObjectRecord): ValueList[] {
  const out: ValueList[] = [];
  rulesOf(ap).forEach((rule, i) => {
    for (const list of valueListsOfRule(rule, i)) out.push(list);
  });
  return out;
}

/** The lists of values of one rule. */
export function valueListsOfRule(rule: unknown, i: number): ValueList[] {
  const out: ValueList[] = [];
  if (!isPlainObject(rule)) return out;
  arrayOf(rule.from).forEach((from, j) => {
    if (!isPlainObject(from) || !isPlainObject(from.source)) return;
    for (const [field, info] of Object.entries(SOURCE_FIELDS)) {
      const values = from.source[field];
      if (!Array.isArray(values)) continue;
      out.push({ ruleIndex: i, kind: 'source', field, ...info, values, path: ['spec', 'rules', i, 'from', j, 'source', field] });
    }
  });
  arrayOf(rule.to).forEach((to, j) => {
    if (!isPlainObject(to) || !isPlainObject(to.operation)) return;
    for (const [field, info] of Object.entries(OPERATION_FIELDS)) {
      const values = to.operation[field];
      if (!Array.isArray(values)) continue;
      out.push({ ruleIndex: i, kind: 'operation', field, ...info, values, path: ['spec', 'rules', i, 'to', j, 'operation', field] });
    }
  });
  arrayOf(rule.when).forEach((cond, j) => {
    if (!isPlainObject(cond) || typeof cond.key !== 'string') return;
    const attribute = conditionAttribute(cond.key);
    for (const field of ['values', 'notValues']) {
      const values = cond[field];
      if (!Array.isArray(values)) continue;
      out.push({
        ruleIndex: i,
        kind: 'condition',
        field: cond.key,
        attribute,
        negated: field === 'notValues',
        values,
        path: ['spec', 'rules', i, 'when', j, field],
      });
    }
  });
  return out;
}

/** How a value list is named in messages: `principals` or `when "source.principal" values`. */
export function describeList(list: ValueList): string {
  if (list.kind === 'condition') return `condition "${list.field}" ${list.negated ? 'notValues' : 'values'}`;
  return list.field;
}

/** Ports a rule is limited to (`to.operation.ports`), or undefined when it covers every port. */
export function rulePorts(rule: Record<string, any>): number[] | undefined {
  const ports: number[] = [];
  for (const to of arrayOf(rule.to)) {
    if (!isPlainObject(to) || !isPlainObject(to.operation)) continue;
    const listed = arrayOf(to.operation.ports);
    // A `to` entry without ports covers every port.
    if (listed.length === 0) return undefined;
    for (const p of listed) if (typeof p === 'string' && /^[0-9]+$/.test(p)) ports.push(Number(p));
  }
  return ports.length > 0 ? ports : undefined;
}

