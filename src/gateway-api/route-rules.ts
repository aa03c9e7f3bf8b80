/**
 * The Gateway API rendering of one `HttpRoute`: an HTTPRoute (or GRPCRoute) rule. Internal.
 *
 * The route stays the one model; this file only translates it, and refuses what the Gateway API
 * (v1.5, as Istio 1.30 implements it) has no field for, naming the route prop and what to do
 * instead. The same check runs when the route is added and again when it is rendered, because
 * setters (`updateRetries`, `updateFault`) can change a route after it was added.
 */
import { Duration } from 'cdk8s';
import { GatewayApiChannel } from '../mesh/gateway-api-channel';
import type { MeshService } from '../mesh/mesh-service';
import type { ServiceVersion } from '../mesh/service-version';
import { compactObject } from '../private/checks';
import { RenderContext } from '../private/render-context';
import { RedirectPortDerivation } from '../traffic/http-redirect';
import { HttpRoute, HttpRouteDestination } from '../traffic/http-route';
import { HttpRouteMatch } from '../traffic/http-route-match';
import { StringMatch } from '../traffic/string-match';

/** Where a backendRef points. */
export interface BackendRef {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace: string;
  readonly port?: number;
}

/** What a rule needs to know about where it is written. */
export interface RuleTarget {
  /** Namespace of the route object (backendRefs in another namespace name theirs). */
  readonly namespace: string;
  readonly channel: GatewayApiChannel;
  /** GRPCRoute rather than HTTPRoute. */
  readonly grpc: boolean;
  /** The service the route belongs to, and its port when it has one routable port. */
  readonly self: BackendRef;
  /** The backend of a version (its per-version Service). */
  versionBackend(ctx: RenderContext, version: ServiceVersion): BackendRef;
  /** The backend of another mesh service. */
  serviceBackend(ctx: RenderContext, service: MeshService): BackendRef;
}

/** Istio's advice when a prop has no Gateway API field. */
const STAY_ON_ISTIO = 'keep this service on Istio\'s API (routingApi: RoutingApi.ISTIO on the MeshService)';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

/** The context errors about a route use: `<path>: route 'name' <prop> …`. */
export function routeContext(where: string, route: HttpRoute): RenderContext {
  return RenderContext.of(where).about(`route ${route.name ? `'${route.name}'` : '(unnamed)'}`);
}

/**
 * Throws when the route uses a prop the Gateway API cannot express for this channel and route
 * kind, naming the prop and the alternative.
 */
export function checkGatewayApiRoute(ctx: RenderContext, route: HttpRoute, channel: GatewayApiChannel, grpc: boolean): void {
  const kind = grpc ? 'GRPCRoute' : 'HTTPRoute';
  const not = (prop: string, what: string, instead: string): never =>
    ctx.child(prop).fail(`${what}, which the Gateway API (${kind}) cannot express`, `${instead}.`);
  const a = route._actions();
  if (route.fault) not('fault', 'injects faults', `remove the fault, or ${STAY_ON_ISTIO}: fault injection exists only in VirtualService`);
  if (a.directResponse) not('directResponse', 'answers directly', `send the requests to a backend that answers, or ${STAY_ON_ISTIO}`);
  if (a.rewrite?.uriRegexRewrite) not('rewrite.uriRegexRewrite', 'rewrites the path with a regex', `rewrite with rewrite.uri (a prefix or full path), or ${STAY_ON_ISTIO}`);
  if (grpc) {
    if (a.rewrite || a.redirect || a.corsPolicy) {
      const prop = a.rewrite ? 'rewrite' : a.redirect ? 'redirect' : 'corsPolicy';
      not(prop, `sets ${prop}`, `GRPCRoute filters are header modifiers and mirrors only; remove ${prop}, or declare the port as HTTP (an HTTPRoute carries gRPC too)`);
    }
    if (route.timeout) not('timeout', 'sets a timeout', 'GRPCRoute has no timeouts in v1.5; declare the port as HTTP2 so the service gets an HTTPRoute, or remove the timeout');
    if (route.retries) not('retries', 'sets retries', 'GRPCRoute has no retry field in v1.5; declare the port as HTTP2 so the service gets an HTTPRoute, or remove the retries');
  }
  if (route.retries) checkRetries(ctx.child('retries'), route, channel);
  if (a.redirect) {
    if (a.redirect.derivePort === RedirectPortDerivation.FROM_REQUEST_PORT) {
      not('redirect.derivePort', 'keeps the request\'s port (FROM_REQUEST_PORT)', 'give redirect.port, or leave the port to the scheme (FROM_PROTOCOL_DEFAULT)');
    }
  }
  if (a.corsPolicy) {
    a.corsPolicy.allowOrigins.forEach((o, i) => {
      if (o.kind !== 'exact') not(`corsPolicy.allowOrigins[${i}]`, `matches origins by ${o.kind}`, "list exact origins (a '*' label wildcard is allowed, e.g. 'https://*.example.com')");
    });
  }
  route.matches.forEach((m, i) => checkMatch(ctx.child(`matches[${i}]`), m, grpc));
  if (a.rewrite?.uri !== undefined) rewriteMode(ctx.child('rewrite.uri'), route);
  route.mirrors.forEach((m, i) => {
    if (m.percentage !== undefined && !Number.isInteger(m.percentage * 1e4)) {
      ctx.child(`mirrors[${i}].percentage`).fail(`is ${m.percentage}`, 'the Gateway API mirrors a fraction of whole numbers; use at most four decimals, e.g. 0.5.');
    }
  });
}

function checkRetries(ctx: RenderContext, route: HttpRoute, channel: GatewayApiChannel): void {
  const r = route.retries!;
  if (channel !== GatewayApiChannel.EXPERIMENTAL) {
    ctx.fail(
      'are set, but HTTPRoute `retry` is only in the experimental channel of the Gateway API (v1.5)',
      'use RoutingApi.gatewayApi({ channel: GatewayApiChannel.EXPERIMENTAL }) if the cluster runs the experimental CRDs, or remove retries (Istio\'s default retries still apply).',
    );
  }
  const notCodes = (r.retryOn ?? []).filter((o) => !/^\d+$/.test(o.value));
  if (notCodes.length > 0) {
    ctx.child('retryOn').fail(
      `lists ${notCodes.map((o) => `'${o.value}'`).join(', ')}, but HTTPRoute retry.codes holds HTTP status codes only`,
      `retry on status codes (RetryOn.statusCode(503)), or ${STAY_ON_ISTIO}.`,
    );
  }
  const low = (r.retryOn ?? []).filter((o) => /^\d+$/.test(o.value) && Number(o.value) < 400);
  if (low.length > 0) {
    ctx.child('retryOn').fail(`lists status ${low.map((o) => o.value).join(', ')}; HTTPRoute retry.codes takes 400 to 599`, 'retry on 4xx or 5xx codes only, e.g. RetryOn.statusCode(503).');
  }
  if (r.retryRemoteLocalities !== undefined) ctx.child('retryRemoteLocalities').fail('has no Gateway API field', `remove it, or ${STAY_ON_ISTIO}.`);
  if (r.retryIgnorePreviousHosts !== undefined) ctx.child('retryIgnorePreviousHosts').fail('has no Gateway API field', `remove it, or ${STAY_ON_ISTIO}.`);
  if (r.perTryTimeout && route.timeout && r.perTryTimeout.toMilliseconds() > route.timeout.toMilliseconds()) {
    ctx.child('perTryTimeout').fail(
      `(${r.perTryTimeout.toMilliseconds()}ms) is longer than the route timeout (${route.timeout.toMilliseconds()}ms); HTTPRoute timeouts.backendRequest must not exceed timeouts.request`,
      'shorten perTryTimeout or lengthen timeout.',
    );
  }
}

function checkMatch(ctx: RenderContext, m: HttpRouteMatch, grpc: boolean): void {
  const not = (prop: string, instead: string): never =>
    ctx.child(prop).fail(`has no Gateway API ${grpc ? 'GRPCRoute' : 'HTTPRoute'} match field`, `${instead}.`);
  if (m.scheme) not('scheme', `remove it, or ${STAY_ON_ISTIO}`);
  if (m.authority) not('authority', 'attach the route to a Gateway with hosts (exposeThroughGateway), which become the HTTPRoute hostnames');
  if (m.withoutHeaders && Object.keys(m.withoutHeaders).length > 0) not('withoutHeaders', `match the headers positively, or ${STAY_ON_ISTIO}`);
  if (m.ignoreUriCase) not('ignoreUriCase', `match with a case-insensitive regex ((?i)…), or ${STAY_ON_ISTIO}`);
  if (m.sourceLabels && Object.keys(m.sourceLabels).length > 0) not('sourceLabels', `${STAY_ON_ISTIO}, or authorize callers with an AuthorizationPolicy`);
  if (m.sourceNamespace !== undefined) not('sourceNamespace', `${STAY_ON_ISTIO}, or authorize callers with an AuthorizationPolicy`);
  if (m.port !== undefined) not('port', 'give the service a single HTTP port, or route per port with RoutingApi.ISTIO');
  if (grpc) {
    if (m.uri || m.queryParams || m.method) {
      not(m.uri ? 'uri' : m.queryParams ? 'queryParams' : 'method', 'a GRPCRoute matches gRPC service and method names through headers; declare the port HTTP2 to get an HTTPRoute');
    }
  }
  if (m.method) {
    if (m.method.kind !== 'exact' || !METHODS.includes(m.method.value)) {
      ctx.child('method').fail(`is ${m.method.kind} '${m.method.value}'; an HTTPRoute matches one method exactly`, `use StringMatch.exact() with one of ${METHODS.join(', ')}.`);
    }
  }
  if (m.uri && !m.uri.value.startsWith('/') && m.uri.kind !== 'regex') {
    ctx.child('uri').fail(`is '${m.uri.value}'; an HTTPRoute path starts with '/'`, `write e.g. '/${m.uri.value}'.`);
  }
}

/**
 * How `rewrite.uri` maps: ReplacePrefixMatch when the route has exactly one match, by path prefix
 * (Istio replaces the matched prefix; the Gateway API's CEL allows ReplacePrefixMatch only then),
 * ReplaceFullPath when no match looks at the path by prefix.
 */
function rewriteMode(ctx: RenderContext, route: HttpRoute): 'ReplacePrefixMatch' | 'ReplaceFullPath' {
  const prefixes = route.matches.filter((m) => m.uri?.kind === 'prefix').length;
  if (prefixes === 0) return 'ReplaceFullPath';
  if (route.matches.length === 1) return 'ReplacePrefixMatch';
  return ctx.fail(
    `replaces a matched path prefix, but the route has ${route.matches.length} matches; an HTTPRoute replaces a prefix only for a rule with one PathPrefix match`,
    'split the route into one route per prefix.',
  );
}

/**
 * A Gateway API Duration (GEP-2257): up to four `<1-5 digits><h|m|s|ms>` parts.
 */
export function gatewayDuration(ctx: RenderContext, d: Duration): string {
  let ms = d.toMilliseconds();
  if (!Number.isInteger(ms) || ms < 0) ctx.fail(`is ${ms}ms`, 'give a whole number of milliseconds.');
  if (ms === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3600000], ['m', 60000], ['s', 1000], ['ms', 1]] as Array<[string, number]>) {
    const n = Math.floor(ms / size);
    if (n > 0) parts.push(`${n}${unit}`);
    ms -= n * size;
  }
  if (parts.some((p) => /^\d{6,}/.test(p))) ctx.fail(`(${d.toMilliseconds()}ms) is too long for a Gateway API duration`, 'keep it under 99999 hours.');
  return parts.join('');
}

function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Header and query-parameter matches: Exact, or RegularExpression (Istio runs RE2, whole value). */
function valueMatch(name: string, m: StringMatch): any {
  switch (m.kind) {
    case 'exact': return { type: 'Exact', name, value: m.value };
    case 'prefix': return { type: 'RegularExpression', name, value: `${regexEscape(m.value)}.*` };
    default: return { type: 'RegularExpression', name, value: m.value };
  }
}

function pathMatch(m: StringMatch): any {
  switch (m.kind) {
    case 'exact': return { type: 'Exact', value: m.value };
    case 'prefix': return { type: 'PathPrefix', value: m.value };
    default: return { type: 'RegularExpression', value: m.value };
  }
}

function renderMatch(m: HttpRouteMatch, grpc: boolean): any {
  const entries = (map: { [k: string]: StringMatch } | undefined) => Object.entries(map ?? {}).map(([k, v]) => valueMatch(k, v));
  const headers = entries(m.headers);
  if (grpc) return compactObject({ headers: headers.length > 0 ? headers : undefined }) ?? {};
  const queryParams = entries(m.queryParams);
  return compactObject({
    path: m.uri ? pathMatch(m.uri) : undefined,
    headers: headers.length > 0 ? headers : undefined,
    queryParams: queryParams.length > 0 ? queryParams : undefined,
    method: m.method?.value,
  }) ?? {};
}

function headerModifier(ops: { set?: { [k: string]: string }; add?: { [k: string]: string }; remove?: string[] } | undefined): any {
  if (!ops) return undefined;
  const list = (m?: { [k: string]: string }) => {
    const e = Object.entries(m ?? {});
    return e.length > 0 ? e.map(([name, value]) => ({ name, value })) : undefined;
  };
  return compactObject({ set: list(ops.set), add: list(ops.add), remove: ops.remove && ops.remove.length > 0 ? [...ops.remove] : undefined });
}

/**
 * A backendRef as written: group and kind always (the CRD's CEL rules read them, and the API
 * server's defaults are not applied to what the analysis sees), namespace only when another.
 */
function backendRefJson(target: RuleTarget, ref: BackendRef): any {
  return compactObject({
    group: ref.group ?? '',
    kind: ref.kind ?? 'Service',
    name: ref.name,
    namespace: ref.namespace !== target.namespace ? ref.namespace : undefined,
    port: ref.port,
  });
}

/** What a destination or a mirror names (the fields the two share). */
interface BackendChoice {
  readonly version?: ServiceVersion;
  readonly service?: MeshService;
  readonly host?: string;
  readonly port?: number;
}

/** The backend a destination (or mirror) names; its port is required for a Service. */
export function backendOf(ctx: RenderContext, target: RuleTarget, d: BackendChoice): BackendRef {
  let ref: BackendRef;
  if (d.version) ref = target.versionBackend(ctx, d.version);
  else if (d.service) ref = target.serviceBackend(ctx, d.service);
  // Istio's extension for hosts that are not Kubernetes Services (ServiceEntry hosts).
  else if (d.host !== undefined) ref = { group: 'networking.istio.io', kind: 'Hostname', name: d.host, namespace: target.namespace };
  else ref = target.self;
  const port = d.port ?? ref.port;
  if (port === undefined) {
    ctx.child('port').fail(
      `is not set, and ${ref.name} has no single port to send to; a Gateway API backendRef names its port`,
      'give the port, e.g. { port: 9080 }.',
    );
  }
  return { ...ref, port };
}

/** Renders the HTTPRoute (or GRPCRoute) rule of a route. */
export function renderRule(where: string, route: HttpRoute, target: RuleTarget): any {
  const ctx = routeContext(where, route);
  checkGatewayApiRoute(ctx, route, target.channel, target.grpc);
  const a = route._actions();
  const rule: Record<string, any> = {};
  if (route.name) rule.name = route.name;
  if (route.matches.length > 0) rule.matches = route.matches.map((m) => renderMatch(m, target.grpc));
  const filters: any[] = [];
  const reqHeaders = headerModifier(a.requestHeaders);
  if (reqHeaders) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: reqHeaders });
  const resHeaders = headerModifier(a.responseHeaders);
  if (resHeaders) filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: resHeaders });
  if (a.redirect) {
    const r = a.redirect;
    filters.push({
      type: 'RequestRedirect',
      requestRedirect: compactObject({
        scheme: r.scheme,
        hostname: r.authority,
        path: r.uri !== undefined ? { type: 'ReplaceFullPath', replaceFullPath: r.uri } : undefined,
        port: r.port,
        statusCode: r.redirectCode ?? 301,
      }),
    });
  }
  if (a.rewrite) {
    const mode = a.rewrite.uri !== undefined ? rewriteMode(ctx.child('rewrite.uri'), route) : undefined;
    filters.push({
      type: 'URLRewrite',
      urlRewrite: compactObject({
        hostname: a.rewrite.authority,
        path: mode === 'ReplacePrefixMatch' ? { type: mode, replacePrefixMatch: a.rewrite.uri }
          : mode === 'ReplaceFullPath' ? { type: mode, replaceFullPath: a.rewrite.uri } : undefined,
      }),
    });
  }
  route.mirrors.forEach((m, i) => {
    const backendRef = backendRefJson(target, backendOf(ctx.child(`mirrors[${i}]`), target, m));
    const p = m.percentage;
    // A whole percentage is `percent`; a fraction of a percent is `fraction` (per million).
    const fraction = { numerator: Math.round((p ?? 0) * 1e4), denominator: 1e6 };
    const share = p === undefined ? {} : Number.isInteger(p) ? { percent: p } : { fraction };
    filters.push({ type: 'RequestMirror', requestMirror: { backendRef, ...share } });
  });
  if (a.corsPolicy) {
    const c = a.corsPolicy;
    const list = (v?: string[]) => (v && v.length > 0 ? [...v] : undefined);
    filters.push({
      type: 'CORS',
      cors: compactObject({
        allowOrigins: c.allowOrigins.map((o) => o.value),
        allowMethods: list(c.allowMethods),
        allowHeaders: list(c.allowHeaders),
        exposeHeaders: list(c.exposeHeaders),
        maxAge: c.maxAge !== undefined ? Math.round(c.maxAge.toSeconds()) : undefined,
        allowCredentials: c.allowCredentials,
      }),
    });
  }
  if (filters.length > 0) rule.filters = filters;
  if (route.destinations.length > 0) {
    rule.backendRefs = route.destinations.map((d: HttpRouteDestination, i) => {
      const ref = backendRefJson(target, backendOf(ctx.child(`destinations[${i}]`), target, d));
      return d.weight !== undefined ? { ...ref, weight: d.weight } : ref;
    });
  }
  if (!target.grpc) {
    const perTry = route.retries?.perTryTimeout;
    const timeouts = compactObject({
      request: route.timeout ? gatewayDuration(ctx.child('timeout'), route.timeout) : undefined,
      backendRequest: perTry ? gatewayDuration(ctx.child('retries.perTryTimeout'), perTry) : undefined,
    });
    if (timeouts) rule.timeouts = timeouts;
    if (route.retries) {
      const r = route.retries;
      const codes = (r.retryOn ?? []).map((o) => Number(o.value));
      rule.retry = compactObject({
        attempts: r.attempts,
        backoff: r.backoff ? gatewayDuration(ctx.child('retries.backoff'), r.backoff) : undefined,
        codes: codes.length > 0 ? codes : undefined,
      });
    }
  }
  return rule;
}
