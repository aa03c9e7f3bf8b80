/**
 * Mesh routing through GAMMA HTTPRoutes: an HTTPRoute whose parentRefs name a Service (group "",
 * kind Service) routes the requests sidecars send to that Service. Istio turns such routes into
 * the equivalent of a VirtualService for the Service's host; here each matching entry is turned
 * into an Istio-shaped http route so that the rest of the simulator (destinations, timeouts,
 * retries, redirects) reads it as it reads a VirtualService route.
 */
import { stringMatches } from './matching';
import { refOf } from './server-side';
import { RouteTrace, SkippedRoute } from './trace';
import { isPlainObject, ObjectRecord } from '../analysis/manifest';
import { MeshModel } from '../analysis/model';
import { arrayOf } from '../analysis/resources/virtualservice';

/** What an HTTPRouteMatch sees of a request. */
export interface GammaRequest {
  /** The path with its query string. */
  readonly path: string;
  readonly method: string;
  /** Header names in lower case. */
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
}

/** The rule entry that takes the request, as an Istio-shaped route. */
export interface GammaMatch {
  readonly httpRoute: ObjectRecord;
  readonly route: Record<string, any>;
  readonly trace: RouteTrace;
}

/** No entry matched: Envoy answers 404. */
export interface GammaNoMatch {
  readonly httpRoute: ObjectRecord;
  readonly skipped: SkippedRoute[];
}

const SERVICE_GROUP = '';

function isServiceRef(ref: Record<string, any>): boolean {
  return (ref.group ?? SERVICE_GROUP) === SERVICE_GROUP && ref.kind === 'Service';
}

/**
 * The GAMMA HTTPRoutes that apply to a request from a sidecar in `clientNamespace` to `host` on
 * `port`. A route in the Service's own namespace (a producer route) applies to every client; a
 * route in another namespace (a consumer route) only to clients of its namespace, and where a
 * client's namespace has consumer routes for the Service they replace the producer routes.
 */
export function gammaRoutesFor(model: MeshModel, host: string, port: number, clientNamespace: string | undefined): ObjectRecord[] {
  const producer: ObjectRecord[] = [];
  const consumer: ObjectRecord[] = [];
  for (const route of model.ofKind('gateway.networking.k8s.io', 'HTTPRoute')) {
    const spec = isPlainObject(route.spec) ? route.spec : {};
    for (const ref of arrayOf(spec.parentRefs)) {
      if (!isPlainObject(ref) || !isServiceRef(ref) || typeof ref.name !== 'string') continue;
      const ns = typeof ref.namespace === 'string' && ref.namespace !== '' ? ref.namespace : route.namespace;
      if (`${ref.name}.${ns}.svc.${model.clusterDomain}` !== host) continue;
      if (typeof ref.port === 'number' && ref.port !== port) continue;
      if (ns === route.namespace) producer.push(route);
      else if (route.namespace === clientNamespace) consumer.push(route);
      break;
    }
  }
  return consumer.length > 0 ? consumer : producer;
}

/** One (rule, match) pair of an HTTPRoute, ranked by the Gateway API's precedence. */
interface Entry {
  readonly routeOrder: number;
  readonly httpRoute: ObjectRecord;
  readonly ruleIndex: number;
  readonly rule: Record<string, any>;
  /** Undefined for a rule without matches (it takes every request). */
  readonly matchIndex?: number;
  readonly match: Record<string, any>;
}

/** Exact, then PathPrefix, then RegularExpression (Istio's order for the implementation-specific regex), then a rule without matches. */
function pathRank(e: Entry): number {
  if (e.matchIndex === undefined) return 0;
  const type = isPlainObject(e.match.path) ? e.match.path.type ?? 'PathPrefix' : 'PathPrefix';
  return type === 'Exact' ? 3 : type === 'PathPrefix' ? 2 : type === 'RegularExpression' ? 1 : 0;
}

function pathLength(e: Entry): number {
  if (e.matchIndex === undefined) return 0;
  return isPlainObject(e.match.path) && typeof e.match.path.value === 'string' ? e.match.path.value.length : 1;
}

/**
 * The Gateway API's precedence across every rule of every route: an Exact path, then the longest
 * prefix, then a method match, then the most header matches, then the most query parameter
 * matches; ties go to the oldest route (see byAge) and, within a route, to the first rule.
 */
function compareEntries(a: Entry, b: Entry): number {
  return pathRank(b) - pathRank(a)
    || pathLength(b) - pathLength(a)
    || Number(typeof b.match.method === 'string') - Number(typeof a.match.method === 'string')
    || arrayOf(b.match.headers).length - arrayOf(a.match.headers).length
    || arrayOf(b.match.queryParams).length - arrayOf(a.match.queryParams).length
    || a.routeOrder - b.routeOrder
    || `${a.httpRoute.namespace}/${a.httpRoute.name}`.localeCompare(`${b.httpRoute.namespace}/${b.httpRoute.name}`)
    || a.ruleIndex - b.ruleIndex
    || (a.matchIndex ?? 0) - (b.matchIndex ?? 0);
}

function valueMatch(m: Record<string, any>): Record<string, string> {
  return m.type === 'RegularExpression' ? { regex: String(m.value) } : { exact: String(m.value) };
}

function describe(m: Record<string, any>): string {
  return `${m.type === 'RegularExpression' ? 'regex' : 'exact'} ${JSON.stringify(m.value)}`;
}

/** The first condition of an HTTPRouteMatch the request fails, in words; undefined when all hold. */
export function gammaMatchFailure(match: Record<string, any>, request: GammaRequest): string | undefined {
  const path = request.path.split('?')[0];
  const p = isPlainObject(match.path) ? match.path : { type: 'PathPrefix', value: '/' };
  const type = p.type ?? 'PathPrefix';
  const value = typeof p.value === 'string' ? p.value : '/';
  if (type === 'Exact' && path !== value) return `path Exact ${JSON.stringify(value)}, but the path is ${JSON.stringify(path)}`;
  if (type === 'PathPrefix') {
    // A prefix matches whole path segments: /api matches /api and /api/x, never /apix.
    const prefix = value.replace(/\/+$/, '');
    if (prefix !== '' && path !== prefix && !path.startsWith(`${prefix}/`)) {
      return `path PathPrefix ${JSON.stringify(value)} (by whole segments), but the path is ${JSON.stringify(path)}`;
    }
  }
  if (type === 'RegularExpression' && !stringMatches({ regex: value }, path)) {
    return `path RegularExpression ${JSON.stringify(value)}, but the path is ${JSON.stringify(path)}`;
  }
  if (typeof match.method === 'string' && match.method !== request.method) {
    return `method ${match.method}, but it is ${request.method}`;
  }
  for (const h of arrayOf(match.headers)) {
    if (!isPlainObject(h) || typeof h.name !== 'string') continue;
    const actual = request.headers[h.name.toLowerCase()];
    if (!stringMatches(valueMatch(h), actual)) {
      return `headers[${h.name}] ${describe(h)}, but it is ${actual === undefined ? 'absent' : JSON.stringify(actual)}`;
    }
  }
  for (const q of arrayOf(match.queryParams)) {
    if (!isPlainObject(q) || typeof q.name !== 'string') continue;
    const actual = request.query[q.name];
    if (!stringMatches(valueMatch(q), actual)) {
      return `queryParams[${q.name}] ${describe(q)}, but it is ${actual === undefined ? 'absent' : JSON.stringify(actual)}`;
    }
  }
  return undefined;
}

/**
 * The entry of the routes that takes the request under the Gateway API's precedence (most
 * specific match first, not the first rule), as an Istio-shaped route; or, when none does, why
 * each entry failed.
 */
export function matchGammaRoutes(model: MeshModel, routes: readonly ObjectRecord[], request: GammaRequest): GammaMatch | GammaNoMatch {
  const entries: Entry[] = [];
  byAge(routes).forEach((httpRoute, routeOrder) => {
    const rules = arrayOf(isPlainObject(httpRoute.spec) ? httpRoute.spec.rules : undefined);
    rules.forEach((rule, ruleIndex) => {
      if (!isPlainObject(rule)) return;
      const matches = arrayOf(rule.matches).filter(isPlainObject);
      if (matches.length === 0) entries.push({ routeOrder, httpRoute, ruleIndex, rule, match: {} });
      matches.forEach((match, matchIndex) => entries.push({ routeOrder, httpRoute, ruleIndex, rule, matchIndex, match }));
    });
  });
  entries.sort(compareEntries);
  const skipped: SkippedRoute[] = [];
  for (const e of entries) {
    const failure = e.matchIndex === undefined ? undefined : gammaMatchFailure(e.match, request);
    const name = typeof e.rule.name === 'string' && e.rule.name !== '' ? e.rule.name : undefined;
    const where = `${routes.length > 1 ? `${e.httpRoute.namespace}/${e.httpRoute.name}: ` : ''}rules[${e.ruleIndex}]${e.matchIndex !== undefined ? `.matches[${e.matchIndex}]` : ''}`;
    if (failure === undefined) {
      return {
        httpRoute: e.httpRoute,
        route: istioShaped(model, e.httpRoute, e.rule),
        trace: {
          virtualService: refOf(e.httpRoute),
          kind: 'http',
          index: e.ruleIndex,
          ...(name ? { name } : {}),
          ...(e.matchIndex !== undefined ? { matchIndex: e.matchIndex } : {}),
          boundTo: 'mesh',
          skipped,
        },
      };
    }
    skipped.push({ index: e.ruleIndex, ...(name ? { name } : {}), reason: `${where}: ${failure}` });
  }
  return { httpRoute: routes[0], skipped };
}

function creationTimestamp(o: ObjectRecord): string | undefined {
  const meta = isPlainObject(o.source.manifest) && isPlainObject(o.source.manifest.metadata) ? o.source.manifest.metadata : {};
  return typeof meta.creationTimestamp === 'string' ? meta.creationTimestamp : undefined;
}

/**
 * Routes oldest first, the Gateway API's tie-break: by creationTimestamp when every route has
 * one (then by namespace/name), else in input order (the order they would be created in).
 */
function byAge(routes: readonly ObjectRecord[]): ObjectRecord[] {
  const stamps = routes.map(creationTimestamp);
  if (stamps.some((t) => t === undefined)) return [...routes];
  return routes
    .map((r, i) => ({ r, t: Date.parse(stamps[i]!) }))
    .sort((a, b) => a.t - b.t || `${a.r.namespace}/${a.r.name}`.localeCompare(`${b.r.namespace}/${b.r.name}`))
    .map((x) => x.r);
}

function backendHost(model: MeshModel, ref: Record<string, any>, namespace: string): string {
  const ns = typeof ref.namespace === 'string' && ref.namespace !== '' ? ref.namespace : namespace;
  return `${String(ref.name)}.${ns}.svc.${model.clusterDomain}`;
}

/** A rule in the shape of an Istio http route: backendRefs as weighted destinations, timeouts, retry and filters. */
function istioShaped(model: MeshModel, httpRoute: ObjectRecord, rule: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  const backends = arrayOf(rule.backendRefs).filter((b) => isPlainObject(b) && isServiceRef({ kind: 'Service', ...b }) && typeof b.name === 'string');
  // The Gateway API's default weight is 1; weights are shares of their sum, as Istio's are.
  out.route = backends.map((b) => ({
    destination: { host: backendHost(model, b, httpRoute.namespace), ...(typeof b.port === 'number' ? { port: { number: b.port } } : {}) },
    weight: typeof b.weight === 'number' ? b.weight : 1,
  }));
  if (backends.length === 1 && out.route[0].weight !== 0) delete out.route[0].weight;
  const timeouts = isPlainObject(rule.timeouts) ? rule.timeouts : {};
  if (typeof timeouts.request === 'string' && timeouts.request !== '0s') out.timeout = timeouts.request;
  if (isPlainObject(rule.retry)) {
    const codes = arrayOf(rule.retry.codes).filter((c) => typeof c === 'number');
    out.retries = {
      attempts: typeof rule.retry.attempts === 'number' ? rule.retry.attempts : 2,
      ...(codes.length > 0 ? { retryOn: `retriable-status-codes (${codes.join(',')})` } : {}),
      ...(typeof timeouts.backendRequest === 'string' ? { perTryTimeout: timeouts.backendRequest } : {}),
    };
  }
  for (const f of arrayOf(rule.filters)) {
    if (!isPlainObject(f)) continue;
    if (f.type === 'RequestRedirect' && isPlainObject(f.requestRedirect)) {
      // The Gateway API's default redirect status is 302.
      out.redirect = { ...f.requestRedirect, redirectCode: typeof f.requestRedirect.statusCode === 'number' ? f.requestRedirect.statusCode : 302 };
    } else if (f.type === 'URLRewrite' && isPlainObject(f.urlRewrite)) {
      out.rewrite = f.urlRewrite;
    } else if (f.type === 'RequestHeaderModifier' && isPlainObject(f.requestHeaderModifier)) {
      out.headers = { request: f.requestHeaderModifier };
    } else if (f.type === 'RequestMirror' && isPlainObject(f.requestMirror) && isPlainObject(f.requestMirror.backendRef)) {
      const b = f.requestMirror.backendRef;
      const pct = typeof f.requestMirror.percent === 'number' ? f.requestMirror.percent : 100;
      out.mirrors = [...(out.mirrors ?? []), {
        destination: { host: backendHost(model, b, httpRoute.namespace), ...(typeof b.port === 'number' ? { port: { number: b.port } } : {}) },
        percentage: { value: pct },
      }];
    }
  }
  // A rule that sends nowhere (no usable backendRef, or every weight 0) and neither redirects
  // nor rewrites answers 500, as the Gateway API asks and Istio does with a direct response.
  const total = out.route.reduce((sum: number, d: Record<string, any>) => sum + (d.weight ?? 1), 0);
  if (!out.redirect && (out.route.length === 0 || total === 0)) {
    delete out.route;
    out.directResponse = { status: 500 };
  }
  return out;
}
