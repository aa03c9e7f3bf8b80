import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { arrayOf, describeRoute, ROUTE_LIST_KINDS, RouteListKind, routeList } from '../resources/virtualservice';

/**
 * Route-order analysis of VirtualServices, shared by `virtualservice-unreachable-route` (IST0130)
 * and `virtualservice-ineffective-match` (IST0131).
 *
 * Envoy tries routes in order and takes the first that matches. Following Istio's webhook
 * (`analyzeUnreachableHTTPRules` in pkg/config/validation), a route is dead when an earlier route
 * has no match at all, or when every one of its matches repeats an earlier match (compared without
 * the match `name`). On top of that, because Istio turns an empty match into a `prefix: /` route,
 * a match entry with no condition (or only `uri.prefix: /`) also takes every request, and a match
 * that an earlier match strictly includes (prefix `/api` before `/api/v1`, same other conditions)
 * can never win.
 */
export interface UnreachableRoute {
  readonly vs: ObjectRecord;
  readonly kind: RouteListKind;
  readonly routeIndex: number;
  readonly message: string;
  readonly fix: string;
}

export interface IneffectiveMatch {
  readonly vs: ObjectRecord;
  readonly kind: RouteListKind;
  readonly routeIndex: number;
  readonly matchIndex: number;
  readonly message: string;
  readonly fix: string;
}

export interface MatchAnalysis {
  readonly unreachable: UnreachableRoute[];
  readonly ineffective: IneffectiveMatch[];
}

/** Analyses every VirtualService of the model once; both rules read the same result. */
export function analyzeRouteOrder(model: MeshModel): MatchAnalysis {
  return model.memo('analyzeRouteOrder', () => {
    const result: MatchAnalysis = { unreachable: [], ineffective: [] };
    for (const vs of model.virtualServices()) {
      for (const kind of ROUTE_LIST_KINDS) {
        analyzeList(vs, kind, routeList(vs, kind), result);
      }
    }
    return result;
  });
}

/** An earlier match entry, kept to compare later ones against. */
interface SeenMatch {
  readonly routeIndex: number;
  readonly matchIndex: number;
  readonly match: Record<string, any>;
}

function analyzeList(vs: ObjectRecord, kind: RouteListKind, routes: any[], out: MatchAnalysis): void {
  /** The first route that takes every request, and why. */
  let catchAll: { routeIndex: number; why: string } | undefined;
  const seenByKey = new Map<string, SeenMatch>();
  const seen: SeenMatch[] = [];
  const list = `spec.${kind}`;

  /**
   * Checks match j of route i against the matches of earlier routes: a repeat, or (HTTP) one an
   * earlier match includes, is reported as ineffective. Records the match as seen. Returns where
   * the earlier match is (when taken) and whether the match itself takes every request.
   */
  const checkMatch = (i: number, j: number, raw: Record<string, any>): { takenBy?: string; takesAll: boolean } => {
    const name = describeRoute(routes[i], i);
    const here = `match[${j}] of ${name}`;
    const match = normalizeMatch(raw, kind);
    const key = canonical(match);
    const duplicate = seenByKey.get(key);
    if (duplicate) {
      const there = `match[${duplicate.matchIndex}] of ${describeRoute(routes[duplicate.routeIndex], duplicate.routeIndex)}`;
      out.ineffective.push({
        vs,
        kind,
        routeIndex: i,
        matchIndex: j,
        message: `${capitalize(here)} repeats ${there} (${summarizeMatch(match)}), so requests it describes always go to the earlier route.`,
        fix: `Remove the repeated match, or move ${name} before ${describeRoute(routes[duplicate.routeIndex], duplicate.routeIndex)} if it should win.`,
      });
      return { takenBy: there, takesAll: false };
    }
    const cover = kind === 'http' ? seen.find((x) => httpMatchCovers(x.match, match)) : undefined;
    let takenBy: string | undefined;
    if (cover) {
      const coverRoute = describeRoute(routes[cover.routeIndex], cover.routeIndex);
      takenBy = `match[${cover.matchIndex}] of ${coverRoute}`;
      out.ineffective.push({
        vs,
        kind,
        routeIndex: i,
        matchIndex: j,
        message:
          `${capitalize(here)} (${summarizeMatch(match)}) is included in ${takenBy} (${summarizeMatch(cover.match)}), ` +
          'so every request it matches is taken by the earlier route.',
        fix: `Put the more specific ${name} before ${coverRoute}, or remove the match.`,
      });
    }
    const entry: SeenMatch = { routeIndex: i, matchIndex: j, match };
    seenByKey.set(key, entry);
    seen.push(entry);
    return { takenBy, takesAll: !cover && matchesEverything(match, kind) };
  };

  routes.forEach((route, i) => {
    if (!isPlainObject(route)) return;
    const name = describeRoute(route, i);

    if (catchAll) {
      // Like istioctl, the matches of a route after a catch-all are still compared with earlier
      // ones (a match of {} is a match for istioctl, so a second {} repeats the first).
      arrayOf(route.match).forEach((raw, j) => {
        if (isPlainObject(raw)) checkMatch(i, j, raw);
      });
      const by = describeRoute(routes[catchAll.routeIndex], catchAll.routeIndex);
      out.unreachable.push({
        vs,
        kind,
        routeIndex: i,
        message:
          `${capitalize(name)} of ${list} can never be reached: ${by} comes before it and ${catchAll.why}, ` +
          'and routes are tried in order.',
        fix:
          `Move ${by} to the end of ${list} (the catch-all belongs last), or give it a match so that it no longer takes every request.`,
      });
      return;
    }

    const matches = arrayOf(route.match);
    if (matches.length === 0) {
      catchAll = { routeIndex: i, why: 'has no match, so it takes every request' };
      return;
    }

    const takenBy: string[] = [];
    let catchAllMatch: number | undefined;
    matches.forEach((raw, j) => {
      if (!isPlainObject(raw)) return;
      const { takenBy: there, takesAll } = checkMatch(i, j, raw);
      if (there) takenBy.push(there);
      if (catchAllMatch === undefined && takesAll) catchAllMatch = j;
    });

    const objectMatches = matches.filter(isPlainObject).length;
    if (objectMatches > 0 && takenBy.length === objectMatches) {
      out.unreachable.push({
        vs,
        kind,
        routeIndex: i,
        message:
          `${capitalize(name)} of ${list} can never be reached: every one of its matches is already taken by an earlier route ` +
          `(${takenBy.join('; ')}).`,
        fix: `Remove ${name}, or move it before the routes that take its matches and keep the more specific match first.`,
      });
    }
    if (catchAllMatch !== undefined) {
      catchAll = { routeIndex: i, why: `its match[${catchAllMatch}] has no condition that narrows it, so it takes every request` };
    }
  });
}

/** Drops the fields that do not select traffic (`name`, `statPrefix`) and empty/default values. */
function normalizeMatch(raw: Record<string, any>, kind: RouteListKind): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (kind === 'http' && (k === 'name' || k === 'statPrefix')) continue;
    if (isEmptyValue(v)) continue;
    out[k] = v;
  }
  return out;
}

function isEmptyValue(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === false ||
    v === '' ||
    v === 0 ||
    (Array.isArray(v) && v.length === 0) ||
    (isPlainObject(v) && Object.keys(v).length === 0)
  );
}

/** Whether a (normalized) match entry selects every request. */
function matchesEverything(match: Record<string, any>, kind: RouteListKind): boolean {
  const keys = Object.keys(match);
  if (kind === 'tls') return false; // TLS matches must name SNI hosts
  if (keys.length === 0) return true;
  if (kind !== 'http') return false;
  if (!keys.every((k) => k === 'uri' || k === 'ignoreUriCase')) return false;
  return isRootUri(match.uri);
}

/** `prefix: /` or a regex that accepts every path. */
function isRootUri(uri: unknown): boolean {
  if (!isPlainObject(uri)) return false;
  if (uri.prefix === '/') return true;
  // Envoy matches the whole path against the regex; every path is non-empty and starts with `/`.
  return typeof uri.regex === 'string' && ['.*', '^.*$', '/.*', '^/.*$', '.+', '^.+$'].includes(uri.regex);
}

/** Keys whose value is a map of name → StringMatch (or labels). */
const MAP_FIELDS = new Set(['headers', 'queryParams', 'withoutHeaders']);
const STRING_MATCH_FIELDS = new Set(['method', 'scheme', 'authority']);

/**
 * Whether every request matching `later` also matches `earlier` (both normalized http matches).
 * Sound but not complete: unknown shapes compare by equality.
 */
function httpMatchCovers(earlier: Record<string, any>, later: Record<string, any>): boolean {
  for (const [key, value] of Object.entries(earlier)) {
    if (key === 'uri' || key === 'ignoreUriCase') continue;
    const other = later[key];
    if (other === undefined) return false;
    if (MAP_FIELDS.has(key)) {
      if (!isPlainObject(value) || !isPlainObject(other)) return false;
      for (const [k, v] of Object.entries(value)) {
        if (!(k in other)) return false;
        if (!stringMatchCovers(v, other[k], false, false)) return false;
      }
    } else if (key === 'sourceLabels') {
      if (!isPlainObject(value) || !isPlainObject(other)) return false;
      for (const [k, v] of Object.entries(value)) {
        if (other[k] !== v) return false;
      }
    } else if (key === 'gateways') {
      if (!Array.isArray(value) || !Array.isArray(other)) return false;
      if (!other.every((g) => value.includes(g))) return false;
    } else if (STRING_MATCH_FIELDS.has(key)) {
      if (!stringMatchCovers(value, other, false, false)) return false;
    } else if (canonical(value) !== canonical(other)) {
      return false;
    }
  }
  if (earlier.uri === undefined) return true;
  if (isRootUri(earlier.uri)) return true;
  const laterUri = later.uri ?? { prefix: '/' };
  return stringMatchCovers(earlier.uri, laterUri, earlier.ignoreUriCase === true, later.ignoreUriCase === true);
}

/** Whether every string `later` accepts is accepted by `earlier` (Istio StringMatch objects). */
function stringMatchCovers(earlier: unknown, later: unknown, earlierIgnoresCase: boolean, laterIgnoresCase: boolean): boolean {
  if (!isPlainObject(earlier) || Object.keys(earlier).length === 0) {
    // An empty StringMatch on a header means "present", which any value of that header satisfies.
    return isPlainObject(earlier) && isPlainObject(later);
  }
  if (!isPlainObject(later)) return false;
  if (laterIgnoresCase && !earlierIgnoresCase) return false;
  const fold = (s: string) => (earlierIgnoresCase ? s.toLowerCase() : s);
  if (typeof earlier.prefix === 'string') {
    const laterValue = typeof later.prefix === 'string' ? later.prefix : typeof later.exact === 'string' ? later.exact : undefined;
    return laterValue !== undefined && fold(laterValue).startsWith(fold(earlier.prefix));
  }
  if (typeof earlier.exact === 'string') {
    return typeof later.exact === 'string' && fold(later.exact) === fold(earlier.exact);
  }
  return canonical(earlier) === canonical(later) && earlierIgnoresCase === laterIgnoresCase;
}

/** JSON with sorted keys, so that key order never makes two equal matches differ. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A short human description of a normalized match, e.g. `uri prefix "/api", method exact "GET"`. */
function summarizeMatch(match: Record<string, any>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(match)) {
    if (isPlainObject(v) && ['exact', 'prefix', 'regex'].some((t) => t in v) && Object.keys(v).length === 1) {
      const [type, value] = Object.entries(v)[0];
      parts.push(`${k} ${type} ${JSON.stringify(value)}`);
    } else {
      parts.push(`${k} ${canonical(v)}`);
    }
  }
  return parts.length === 0 ? 'no condition' : parts.join(', ');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
