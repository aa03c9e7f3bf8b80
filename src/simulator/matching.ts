/**
 * Request matching as Envoy runs the routes Istio generates: every condition of a match entry
 * must hold, any match entry of a route will do, and the first route that matches wins.
 */
import { RE2JS } from 're2js';
import { isPlainObject } from '../analysis/manifest';

/** What a route match sees of a request. */
export interface MatchInput {
  readonly path: string;
  readonly method: string;
  readonly scheme: string;
  /** The Host header (`:authority`). */
  readonly authority: string;
  /** Header names in lower case. */
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
  /** The destination port the client addressed (at a gateway, the gateway's port). */
  readonly port: number;
  readonly sourceLabels: Record<string, string>;
  readonly sourceNamespace?: string;
  /** The gateway name the routes run on: `mesh`, or `namespace/name`. */
  readonly gateway: string;
  /** Namespace of the VirtualService, against which short gateway names are read. */
  readonly vsNamespace: string;
  /** The host the client addressed, which a TLS client sends as SNI. */
  readonly sni: string;
}

const regexCache = new Map<string, RE2JS | null>();

/** Envoy's safe_regex: RE2, matched against the whole value. An invalid regex never matches. */
function fullRegexMatch(pattern: string, value: string): boolean {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch {
      re = null;
    }
    regexCache.set(pattern, re);
  }
  return re !== null && re.matches(value);
}

/** The kind and value of an Istio StringMatch; `present` for `{}`. */
export function describeStringMatch(m: unknown): string {
  if (!isPlainObject(m)) return 'any value';
  if (typeof m.exact === 'string') return `exact ${JSON.stringify(m.exact)}`;
  if (typeof m.prefix === 'string') return `prefix ${JSON.stringify(m.prefix)}`;
  if (typeof m.regex === 'string') return `regex ${JSON.stringify(m.regex)}`;
  return 'present';
}

/**
 * Whether `value` satisfies a StringMatch. An empty StringMatch (or an absent value kind) asks
 * only that the value be present, as Istio turns it into Envoy's present_match.
 */
export function stringMatches(m: unknown, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  if (!isPlainObject(m)) return true;
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  if (typeof m.exact === 'string') return fold(value) === fold(m.exact);
  if (typeof m.prefix === 'string') return fold(value).startsWith(fold(m.prefix));
  if (typeof m.regex === 'string') return fullRegexMatch(m.regex, value);
  return true;
}

function shown(value: string | undefined): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

/**
 * The first condition of an HTTPMatchRequest that the request fails, in words; undefined when
 * every condition holds.
 */
export function httpMatchFailure(match: Record<string, any>, input: MatchInput): string | undefined {
  if (isPlainObject(match.uri)) {
    // ignoreUriCase makes exact and prefix case-insensitive (Envoy's case_sensitive: false).
    const path = input.path.split('?')[0];
    if (!stringMatches(match.uri, path, match.ignoreUriCase === true)) {
      return `uri ${describeStringMatch(match.uri)}${match.ignoreUriCase === true ? ' (ignoring case)' : ''}, but the path is ${JSON.stringify(path)}`;
    }
  }
  if (isPlainObject(match.method) && !stringMatches(match.method, input.method)) {
    return `method ${describeStringMatch(match.method)}, but it is ${input.method}`;
  }
  if (isPlainObject(match.scheme) && !stringMatches(match.scheme, input.scheme)) {
    return `scheme ${describeStringMatch(match.scheme)}, but it is ${input.scheme}`;
  }
  if (isPlainObject(match.authority) && !stringMatches(match.authority, input.authority)) {
    return `authority ${describeStringMatch(match.authority)}, but it is ${JSON.stringify(input.authority)}`;
  }
  if (isPlainObject(match.headers)) {
    for (const [name, m] of Object.entries(match.headers)) {
      const value = input.headers[name.toLowerCase()];
      if (!stringMatches(m, value)) return `headers[${name}] ${describeStringMatch(m)}, but it is ${shown(value)}`;
    }
  }
  if (isPlainObject(match.withoutHeaders)) {
    for (const [name, m] of Object.entries(match.withoutHeaders)) {
      const value = input.headers[name.toLowerCase()];
      // Envoy inverts the header match; an absent header never matches, so inverted it holds.
      if (stringMatches(m, value)) return `withoutHeaders[${name}] ${describeStringMatch(m)}, but the request has ${shown(value)}`;
    }
  }
  if (isPlainObject(match.queryParams)) {
    for (const [name, m] of Object.entries(match.queryParams)) {
      const value = input.query[name];
      // Istio reads `exact: ""` on a query parameter as "present".
      const presence = isPlainObject(m) && m.exact === '';
      if (!(presence ? value !== undefined : stringMatches(m, value))) {
        return `queryParams[${name}] ${presence ? 'present' : describeStringMatch(m)}, but it is ${shown(value)}`;
      }
    }
  }
  return commonMatchFailure(match, input);
}

/** Conditions shared by http and tcp matches: port, sourceLabels, sourceNamespace, gateways. */
export function commonMatchFailure(match: Record<string, any>, input: MatchInput): string | undefined {
  if (typeof match.port === 'number' && match.port !== 0 && match.port !== input.port) {
    return `port ${match.port}, but the request goes to port ${input.port}`;
  }
  if (isPlainObject(match.sourceLabels)) {
    for (const [k, v] of Object.entries(match.sourceLabels)) {
      if (input.sourceLabels[k] !== v) return `sourceLabels ${k}=${String(v)}, but the client's is ${shown(input.sourceLabels[k])}`;
    }
  }
  if (typeof match.sourceNamespace === 'string' && match.sourceNamespace !== '' && match.sourceNamespace !== input.sourceNamespace) {
    return `sourceNamespace ${match.sourceNamespace}, but the client is in ${input.sourceNamespace ?? 'no namespace'}`;
  }
  if (Array.isArray(match.gateways) && match.gateways.length > 0) {
    const names = match.gateways.filter((g: unknown): g is string => typeof g === 'string').map((g: string) => qualifyGateway(g, input.vsNamespace));
    if (!names.includes(input.gateway)) return `gateways [${match.gateways.join(', ')}], but the request runs on ${input.gateway}`;
  }
  return undefined;
}

/** A `tls` route match: the SNI must be one of `sniHosts` (wildcards allowed), then the common conditions. */
function tlsMatchFailure(match: Record<string, any>, input: MatchInput): string | undefined {
  const sniHosts = Array.isArray(match.sniHosts) ? match.sniHosts.filter((h: unknown): h is string => typeof h === 'string') : [];
  if (sniHosts.length > 0 && !sniHosts.some((h: string) => hostMatchScore(h, input.sni) >= 0)) {
    return `sniHosts [${sniHosts.join(', ')}], but the SNI is ${input.sni}`;
  }
  return commonMatchFailure(match, input);
}

/** `name` → `namespace/name` (the VirtualService's namespace); `mesh` stays `mesh`. */
export function qualifyGateway(gateway: string, namespace: string): string {
  if (gateway === 'mesh' || gateway.includes('/')) return gateway;
  return `${namespace}/${gateway}`;
}

/**
 * Why none of a route's match entries takes the request (one reason per entry), or the index of
 * the first entry that does (-1 when the route has no match and takes every request).
 */
export function routeMatch(route: Record<string, any>, input: MatchInput, kind: string): { matchIndex: number } | { reason: string } {
  const matches = Array.isArray(route.match) ? route.match : [];
  if (matches.length === 0) return { matchIndex: -1 };
  const reasons: string[] = [];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    if (!isPlainObject(m)) continue;
    const failure = kind === 'http' ? httpMatchFailure(m, input) : kind === 'tls' ? tlsMatchFailure(m, input) : commonMatchFailure(m, input);
    if (failure === undefined) return { matchIndex: i };
    reasons.push(matches.length === 1 ? failure : `match[${i}]: ${failure}`);
  }
  return { reason: reasons.join('; ') || 'no match entry is an object' };
}

/**
 * Istio's host matching: `*` matches every host, `*.example.com` every host ending in
 * `.example.com`; anything else only itself. Returns how specific the match is (larger is more
 * specific), or -1 when it does not match.
 */
export function hostMatchScore(pattern: string, host: string): number {
  if (pattern === host) return 10_000 + pattern.length;
  if (pattern === '*') return 0;
  if (pattern.startsWith('*.') && host.endsWith(pattern.slice(1))) return pattern.length;
  return -1;
}

/**
 * Istio's AuthorizationPolicy string match: `*` alone matches any non-empty value, `abc*` a
 * prefix, `*abc` a suffix, otherwise the exact value.
 */
export function policyValueMatches(pattern: string, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (p === '*') return v !== '';
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  if (p.startsWith('*')) return v.endsWith(p.slice(1));
  return p === v;
}
