import { Duration } from 'cdk8s';
import { CorsPolicy } from './cors-policy';
import { FaultInjection } from './fault-injection';
import { HeaderOperations } from './header-operations';
import { HttpDirectResponse } from './http-direct-response';
import { HttpMirror } from './http-mirror';
import { HttpRedirect, RedirectPortDerivation } from './http-redirect';
import { HttpRewrite } from './http-rewrite';
import { HttpRouteMatch, renderHttpRouteMatch } from './http-route-match';
import { RetryPolicy } from './retry-policy';
import { StringMatch } from './string-match';
import { isAuthorityHeader, matchHeaderNameProblem } from '../analysis/validators/http';
import { IstioApiVersion } from '../mesh/istio-api-version';
import type { MeshService } from '../mesh/mesh-service';
import type { ServiceVersion } from '../mesh/service-version';
import { checkDuration, checkHttpStatus, checkNoLineBreak, checkNonEmpty, checkPercentage, checkPort, checkRegex, compactObject } from '../private/checks';
import { RenderContext } from '../private/render-context';

/**
 * Where a route sends (a share of) its traffic. Give at most one of `version`, `service` and
 * `host`; with none, traffic goes to the service the route belongs to.
 */
export interface HttpRouteDestination {
  /**
   * A version (subset) of a mesh service.
   * @default - no subset: any pod of the service
   */
  readonly version?: ServiceVersion;

  /**
   * Another mesh service, any version.
   * @default - the service the route belongs to
   */
  readonly service?: MeshService;

  /**
   * A host defined elsewhere (another cluster's service, a ServiceEntry host).
   * @default - the service the route belongs to
   */
  readonly host?: string;

  /**
   * Port on the destination host. Needed only when the host has several ports.
   * @default - the port the request arrived on
   */
  readonly port?: number;

  /**
   * Share of the route's traffic, relative to the other destinations' weights.
   * Required when a route has more than one destination.
   * @default - all traffic, when this is the only destination
   */
  readonly weight?: number;
}

/** Options for a new HTTP route. */
export interface HttpRouteOptions {
  /**
   * Name of the route, shown in Envoy's stats and access logs.
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * Conditions for this route. A request matching any of them takes the route.
   * @default - every request (a catch-all route: later routes cannot be reached)
   */
  readonly matches?: HttpRouteMatch[];

  /**
   * Where the traffic goes. A route that redirects or answers directly has none.
   * @default - all traffic to the service the route belongs to (none when `redirect` or `directResponse` is set)
   */
  readonly destinations?: HttpRouteDestination[];

  /**
   * Time limit of a request on this route, retries included; Envoy answers 504 when it runs
   * out.
   * @default - no time limit (Istio turns Envoy's route timeout off)
   */
  readonly timeout?: Duration;

  /**
   * How failed requests are retried. `RetryPolicy.none()` turns retries off.
   * @default - Istio's default: 2 retries on `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`
   */
  readonly retries?: RetryPolicy;

  /**
   * Delays or errors injected into a share of the requests, to test callers. Istio does not apply
   * the route's `timeout` and `retries` while a fault is set.
   * @default - no fault injection
   */
  readonly fault?: FaultInjection;

  /**
   * Destinations that receive a copy of the traffic. Several mirrors need
   * `IstioApiVersion.V1` (the default); with `V1BETA1` a route has at most one.
   * @default - no mirroring
   */
  readonly mirrors?: HttpMirror[];

  /**
   * Changes to the path or authority before forwarding.
   * @default - the request is forwarded unchanged
   */
  readonly rewrite?: HttpRewrite;

  /**
   * Answer with a redirect instead of forwarding. Excludes `destinations`, `directResponse`,
   * `rewrite` and `fault`.
   * @default - requests are forwarded
   */
  readonly redirect?: HttpRedirect;

  /**
   * Answer with a fixed response instead of forwarding. Excludes `destinations`, `redirect`,
   * `rewrite` and `fault`.
   * @default - requests are forwarded
   */
  readonly directResponse?: HttpDirectResponse;

  /**
   * Changes to the request headers before forwarding.
   * @default - request headers unchanged
   */
  readonly requestHeaders?: HeaderOperations;

  /**
   * Changes to the response headers before they reach the caller.
   * @default - response headers unchanged
   */
  readonly responseHeaders?: HeaderOperations;

  /**
   * Cross-origin resource sharing (CORS) for browsers.
   * @default - no CORS handling: the service answers preflight requests itself
   */
  readonly corsPolicy?: CorsPolicy;
}

/** What {@link HttpRoute.toJson} needs to know about where the route is written. */
export interface RouteRenderContext {
  /** Host of the service the route belongs to, for destinations that name no other. */
  readonly defaultHost: string;

  /**
   * Istio API version of the VirtualService. Mirrors are written as `mirrors` for `V1`, and as
   * the older single `mirror` and `mirrorPercentage` for `V1BETA1`.
   * @default IstioApiVersion.V1
   */
  readonly apiVersion?: IstioApiVersion;
}

/** What a route does besides forwarding: read by renderings other than Istio's. @internal */
export interface HttpRouteActions {
  readonly rewrite?: HttpRewrite;
  readonly redirect?: HttpRedirect;
  readonly directResponse?: HttpDirectResponse;
  readonly requestHeaders?: HeaderOperations;
  readonly responseHeaders?: HeaderOperations;
  readonly corsPolicy?: CorsPolicy;
}

/**
 * One HTTP route of a mesh service's VirtualService. Envoy tries routes in the order they were
 * added and takes the first whose match holds.
 *
 * A route does one of three things with a request: forward it to its destinations (the
 * default), redirect it (`redirect`), or answer it directly (`directResponse`).
 *
 * Every value is checked when it is given (constructor and setters), and the route is rendered
 * once, by `toJson()`.
 */
export class HttpRoute {
  /** Name of the route. */
  public readonly name?: string;
  private readonly _matches: HttpRouteMatch[];
  private _destinations: HttpRouteDestination[];
  private _timeout?: Duration;
  private _retries?: RetryPolicy;
  private _fault?: FaultInjection;
  private readonly _mirrors: HttpMirror[];
  private readonly rewrite?: HttpRewrite;
  private readonly redirect?: HttpRedirect;
  private readonly directResponse?: HttpDirectResponse;
  private readonly requestHeaders?: HeaderOperations;
  private readonly responseHeaders?: HeaderOperations;
  private readonly corsPolicy?: CorsPolicy;
  /** Where errors point: the owner's construct path and this route. */
  private readonly ctx: RenderContext;

  /**
   * @param where construct path of the owner, for error messages
   */
  constructor(where: string, options: HttpRouteOptions = {}) {
    this.name = options.name;
    this.ctx = RenderContext.of(where).about(`route ${this.name ? `'${this.name}'` : '(unnamed)'}`);
    this._matches = [...(options.matches ?? [])];
    this._matches.forEach((m, i) => checkHttpRouteMatch(this.ctx.child(`matches[${i}]`), m));
    this._destinations = [];
    this.redirect = options.redirect;
    this.directResponse = options.directResponse;
    this.rewrite = options.rewrite;
    this.requestHeaders = options.requestHeaders;
    this.responseHeaders = options.responseHeaders;
    this.corsPolicy = options.corsPolicy;
    this._mirrors = [];

    const answer = this.answerProp();
    if (answer && options.destinations !== undefined) {
      this.ctx.fail(`sets both ${answer} and destinations; a route that ${answer === 'redirect' ? 'redirects' : 'answers directly'} sends nothing to a destination. Remove destinations, or remove ${answer}.`);
    }
    if (!answer) this.replaceDestinations(options.destinations ?? [{}]);
    if (options.timeout !== undefined) this.updateTimeout(options.timeout);
    if (options.retries !== undefined) this.updateRetries(options.retries);
    if (options.fault !== undefined) this.updateFault(options.fault);
    (options.mirrors ?? []).forEach((m) => this.addMirror(m));
    this.checkAction();
    this.checkHeaders();
    this.checkCors();
  }

  /** Conditions of this route (empty: every request). */
  public get matches(): HttpRouteMatch[] {
    return [...this._matches];
  }

  /** Destinations of this route (empty when it redirects or answers directly). */
  public get destinations(): HttpRouteDestination[] {
    return [...this._destinations];
  }

  /** Time limit of a request on this route, when set. */
  public get timeout(): Duration | undefined {
    return this._timeout;
  }

  /** Retry policy of this route, when set (otherwise Istio's default retries apply). */
  public get retries(): RetryPolicy | undefined {
    return this._retries;
  }

  /** Fault injection of this route, when set. */
  public get fault(): FaultInjection | undefined {
    return this._fault;
  }

  /** Mirrors of this route. */
  public get mirrors(): HttpMirror[] {
    return [...this._mirrors];
  }

  /**
   * The answer and header settings of the route, for renderings other than Istio's
   * (the Gateway API one reads them; the route itself stays the one model).
   * @internal
   */
  public _actions(): HttpRouteActions {
    return {
      rewrite: this.rewrite,
      redirect: this.redirect,
      directResponse: this.directResponse,
      requestHeaders: this.requestHeaders,
      responseHeaders: this.responseHeaders,
      corsPolicy: this.corsPolicy,
    };
  }

  /** Adds a condition (OR-ed with the existing ones). */
  public addMatch(match: HttpRouteMatch): void {
    checkHttpRouteMatch(this.ctx.child(`matches[${this._matches.length}]`), match);
    this._matches.push(match);
  }

  /** Replaces where the route sends traffic. */
  public replaceDestinations(destinations: HttpRouteDestination[]): void {
    const answer = this.answerProp();
    if (answer) {
      this.ctx.fail(`has ${answer}, so it sends nothing to a destination; destinations cannot be set on it.`);
    }
    if (destinations.length === 0) {
      this.ctx.fail('needs at least one destination; pass destinations: [{ version }].');
    }
    destinations.forEach((d, i) => {
      const ctx = this.ctx.child(`destinations[${i}]`);
      const targets = [d.version, d.service, d.host].filter((x) => x !== undefined).length;
      if (targets > 1) {
        ctx.fail('sets more than one of version, service and host; give one.');
      }
      if (d.weight !== undefined && (!Number.isInteger(d.weight) || d.weight < 0)) {
        ctx.child('weight').fail(`is ${d.weight}`, 'weights are whole numbers of 0 or more.');
      }
      if (destinations.length > 1 && d.weight === undefined) {
        ctx.fail('has no weight; with several destinations each needs a weight (e.g. 90 and 10).');
      }
      if (d.port !== undefined) checkPort(ctx.child('port'), d.port);
    });
    this._destinations = [...destinations];
  }

  /** Sets the time limit of a request on this route, retries included. */
  public updateTimeout(timeout: Duration): void {
    checkDuration(this.ctx.child('timeout'), timeout);
    this._timeout = timeout;
  }

  /** Sets how failed requests are retried; `RetryPolicy.none()` turns retries off. */
  public updateRetries(retries: RetryPolicy): void {
    if (!(retries instanceof RetryPolicy)) {
      this.ctx.child('retries').fail(`is ${JSON.stringify(retries)}`, 'use RetryPolicy.of({ attempts: 2 }) or RetryPolicy.none().');
    }
    retries._check(this.ctx.child('retries'));
    this._retries = retries;
  }

  /** Sets the faults injected into this route's requests. */
  public updateFault(fault: FaultInjection): void {
    if (!(fault instanceof FaultInjection)) {
      this.ctx.child('fault').fail(`is ${JSON.stringify(fault)}`, 'use FaultInjection.delayRequests(), abortRequests() or of().');
    }
    const answer = this.answerProp();
    if (answer) {
      this.ctx.fail(`sets both ${answer} and fault; Istio injects faults only into forwarded requests. Remove the fault, or forward the requests instead.`);
    }
    fault._check(this.ctx.child('fault'));
    this._fault = fault;
  }

  /** Adds a destination that receives a copy of this route's traffic. */
  public addMirror(mirror: HttpMirror): void {
    const ctx = this.ctx.child(`mirrors[${this._mirrors.length}]`);
    const targets = [mirror.version, mirror.service, mirror.host].filter((x) => x !== undefined).length;
    if (targets !== 1) {
      ctx.fail(`sets ${targets === 0 ? 'none' : 'more than one'} of version, service and host; give exactly one, e.g. { version: v2 }.`);
    }
    checkNonEmpty(ctx.child('host'), mirror.host, "'reviews.other.svc.cluster.local'");
    if (mirror.port !== undefined) checkPort(ctx.child('port'), mirror.port);
    if (mirror.percentage !== undefined) checkPercentage(ctx.child('percentage'), mirror.percentage);
    this._mirrors.push(mirror);
  }

  /**
   * Renders Istio's `HTTPRoute`.
   * @param context where the route is written: the default host and the API version
   */
  public toJson(context: RouteRenderContext): any {
    const ctx = this.ctx.withMesh({ defaultHost: context.defaultHost, apiVersion: context.apiVersion ?? IstioApiVersion.V1 });
    const route: Record<string, any> = {};
    if (this.name) route.name = this.name;
    if (this._matches.length > 0) route.match = this._matches.map(renderHttpRouteMatch);
    if (this._destinations.length > 0) {
      route.route = this._destinations.map((d) => {
        const destination: Record<string, any> = {
          host: d.version?.meshService.host ?? d.service?.host ?? d.host ?? ctx.mesh.defaultHost,
        };
        if (d.version) destination.subset = d.version.name;
        if (d.port !== undefined) destination.port = { number: d.port };
        const out: Record<string, any> = { destination };
        if (d.weight !== undefined) out.weight = d.weight;
        return out;
      });
    }
    if (this.redirect) route.redirect = renderRedirect(this.redirect);
    if (this.directResponse) route.directResponse = renderDirectResponse(this.directResponse);
    if (this.rewrite) route.rewrite = renderRewrite(this.rewrite);
    if (this._timeout) route.timeout = checkDuration(ctx.child('timeout'), this._timeout);
    if (this._retries) route.retries = this._retries._render(ctx.child('retries'));
    if (this._fault) route.fault = this._fault._render(ctx.child('fault'));
    Object.assign(route, this.renderMirrors(ctx));
    const headers = compactObject({ request: renderHeaderOperations(this.requestHeaders), response: renderHeaderOperations(this.responseHeaders) });
    if (headers) route.headers = headers;
    if (this.corsPolicy) route.corsPolicy = renderCors(ctx.child('corsPolicy'), this.corsPolicy);
    return route;
  }

  /** `redirect` or `directResponse` when the route answers instead of forwarding. */
  private answerProp(): string | undefined {
    if (this.redirect) return 'redirect';
    if (this.directResponse) return 'directResponse';
    return undefined;
  }

  /** Checks `redirect`, `directResponse` and `rewrite`, and their exclusions. */
  private checkAction(): void {
    if (this.redirect && this.directResponse) {
      this.ctx.fail('sets both redirect and directResponse; a route answers one way. Keep one of them.');
    }
    const answer = this.answerProp();
    if (answer && this.rewrite) {
      this.ctx.fail(`sets both ${answer} and rewrite; a rewrite changes requests that are forwarded. Remove the rewrite, or forward the requests instead.`);
    }
    if (this.redirect) checkRedirect(this.ctx.child('redirect'), this.redirect);
    if (this.directResponse) checkDirectResponse(this.ctx.child('directResponse'), this.directResponse);
    if (this.rewrite) checkRewrite(this.ctx.child('rewrite'), this.rewrite);
  }

  /** Checks `requestHeaders` and `responseHeaders`; only one place may write the request's authority. */
  private checkHeaders(): void {
    checkHeaderOperations(this.ctx.child('requestHeaders'), this.requestHeaders);
    checkHeaderOperations(this.ctx.child('responseHeaders'), this.responseHeaders);
    const authorityWrites = [
      ...(this.rewrite?.authority !== undefined ? ['rewrite.authority'] : []),
      ...Object.keys(this.requestHeaders?.set ?? {}).filter(isAuthorityHeader).map((k) => `requestHeaders.set['${k}']`),
      ...Object.keys(this.requestHeaders?.add ?? {}).filter(isAuthorityHeader).map((k) => `requestHeaders.add['${k}']`),
    ];
    if (authorityWrites.length > 1) {
      this.ctx.fail(`writes the request's authority (Host) in ${authorityWrites.length} places: ${authorityWrites.join(', ')}; Istio allows one. Keep only one of them.`);
    }
  }

  private checkCors(): void {
    const c = this.corsPolicy;
    if (!c) return;
    const ctx = this.ctx.child('corsPolicy');
    if (!Array.isArray(c.allowOrigins) || c.allowOrigins.length === 0) {
      ctx.child('allowOrigins').fail('is empty', "list the origins browsers may call from, e.g. [StringMatch.exact('https://shop.example.com')].");
    }
    const list = (field: string, values: string[] | undefined, example: string) =>
      (values ?? []).forEach((v, i) => checkNonEmpty(ctx.child(`${field}[${i}]`), v, example));
    (c.allowOrigins ?? []).forEach((o, i) => {
      // An empty origin regex is refused with a message of its own, by the analysis.
      if (o instanceof StringMatch && o.kind === 'regex' && o.value !== '') checkRegex(ctx.child(`allowOrigins[${i}].regex`), o.value);
    });
    list('allowMethods', c.allowMethods, "'GET'");
    list('allowHeaders', c.allowHeaders, "'content-type'");
    list('exposeHeaders', c.exposeHeaders, "'x-request-id'");
    if (c.maxAge !== undefined) checkDuration(ctx.child('maxAge'), c.maxAge);
  }

  /** `mirrors` (API v1) or the single `mirror` and `mirrorPercentage` (v1beta1). */
  private renderMirrors(ctx: RenderContext): Record<string, any> {
    if (this._mirrors.length === 0) return {};
    const destinationOf = (m: HttpMirror) => compactObject({
      host: m.version?.meshService.host ?? m.service?.host ?? m.host,
      subset: m.version?.name,
      port: m.port !== undefined ? { number: m.port } : undefined,
    });
    if (ctx.mesh.apiVersion === IstioApiVersion.V1BETA1) {
      // Known only now: the API version is the mesh's, not the route's.
      if (this._mirrors.length > 1) {
        ctx.fail(
          `has ${this._mirrors.length} mirrors, but the mesh emits networking.istio.io/v1beta1, where a route ` +
          'has a single `mirror` (the `mirrors` list is for newer Istio releases). Keep one mirror, or use IstioApiVersion.V1 (Istio 1.22 and later) on the Mesh.',
        );
      }
      const m = this._mirrors[0];
      return compactObject({
        mirror: destinationOf(m),
        mirrorPercentage: m.percentage !== undefined ? { value: m.percentage } : undefined,
      })!;
    }
    return {
      mirrors: this._mirrors.map((m) => compactObject({
        destination: destinationOf(m),
        percentage: m.percentage !== undefined ? { value: m.percentage } : undefined,
      })),
    };
  }
}

function checkRedirect(ctx: RenderContext, r: HttpRedirect): void {
  if ([r.uri, r.authority, r.scheme, r.port, r.derivePort].every((v) => v === undefined)) {
    ctx.fail("changes nothing; give at least one of uri, authority, scheme, port and derivePort, e.g. { scheme: 'https' }.");
  }
  if (r.port !== undefined && r.derivePort !== undefined) {
    ctx.fail(`sets both port ${r.port} and derivePort ${r.derivePort}; keep one.`);
  }
  checkNonEmpty(ctx.child('uri'), r.uri, "'/v2/reviews'");
  checkNonEmpty(ctx.child('authority'), r.authority, "'reviews.example.com'");
  checkNoLineBreak(ctx.child('authority'), r.authority, "write a host name such as 'reviews.example.com'");
  if (r.scheme !== undefined && r.scheme !== 'http' && r.scheme !== 'https') {
    ctx.child('scheme').fail(`is ${JSON.stringify(r.scheme)}`, "Istio redirects to 'http' or 'https' (lower case).");
  }
  if (r.port !== undefined) checkPort(ctx.child('port'), r.port);
  if (r.derivePort !== undefined && !Object.values(RedirectPortDerivation).includes(r.derivePort)) {
    ctx.child('derivePort').fail(`is ${JSON.stringify(r.derivePort)}`, 'use RedirectPortDerivation.FROM_PROTOCOL_DEFAULT or FROM_REQUEST_PORT.');
  }
  if (r.redirectCode !== undefined) {
    // Envoy's RedirectResponseCode has these five; Istio passes any other number on and Envoy refuses the route.
    if (![301, 302, 303, 307, 308].includes(r.redirectCode)) {
      ctx.child('redirectCode').fail(`is ${r.redirectCode}`, 'Envoy redirects with 301, 302, 303, 307 or 308 only; write one of them (301 is the default).');
    }
  }
}

function renderRedirect(r: HttpRedirect): any {
  return compactObject({
    uri: r.uri,
    authority: r.authority,
    scheme: r.scheme,
    port: r.port,
    derivePort: r.derivePort,
    redirectCode: r.redirectCode,
  });
}

function checkDirectResponse(ctx: RenderContext, d: HttpDirectResponse): void {
  checkHttpStatus(ctx.child('status'), d.status);
  if (d.body !== undefined && typeof d.body !== 'string') {
    ctx.child('body').fail(`is ${typeof d.body}`, 'give the body as a string.');
  }
}

function renderDirectResponse(d: HttpDirectResponse): any {
  return d.body !== undefined ? { status: d.status, body: { string: d.body } } : { status: d.status };
}

function checkRewrite(ctx: RenderContext, r: HttpRewrite): void {
  if (r.uri !== undefined && r.uriRegexRewrite !== undefined) {
    ctx.fail('sets both uri and uriRegexRewrite; Istio takes one way to rewrite the path. Keep one.');
  }
  if (r.uri === undefined && r.uriRegexRewrite === undefined && r.authority === undefined) {
    ctx.fail("changes nothing; give uri, uriRegexRewrite or authority, e.g. { uri: '/v1' }.");
  }
  checkNonEmpty(ctx.child('uri'), r.uri, "'/'");
  checkNonEmpty(ctx.child('authority'), r.authority, "'reviews.example.com'");
  checkNoLineBreak(ctx.child('authority'), r.authority, "write a host name such as 'reviews.example.com'");
  if (r.uriRegexRewrite !== undefined) {
    checkNonEmpty(ctx.child('uriRegexRewrite.match'), r.uriRegexRewrite.match ?? '', "'^/old/(.*)$'");
    checkRegex(ctx.child('uriRegexRewrite.match'), r.uriRegexRewrite.match);
    if (typeof r.uriRegexRewrite.rewrite !== 'string' || r.uriRegexRewrite.rewrite === '') {
      ctx.child('uriRegexRewrite.rewrite').fail(`is ${JSON.stringify(r.uriRegexRewrite.rewrite)}`, "Istio needs a replacement, e.g. '/new/\\1'.");
    }
  }
}

/**
 * Checks what Istio's validation webhook refuses in a match: a regex that is not RE2 (or is empty,
 * or longer than 1024 bytes), and a header name that is not an HTTP token. Whether a JWT claim
 * key may be matched depends on the gateways of the VirtualService, so the analysis checks that.
 */
function checkHttpRouteMatch(ctx: RenderContext, m: HttpRouteMatch): void {
  if (m === undefined || m === null) return;
  for (const field of ['uri', 'scheme', 'method', 'authority'] as const) {
    checkStringMatch(ctx.child(field), m[field], false);
  }
  for (const field of ['headers', 'withoutHeaders', 'queryParams'] as const) {
    for (const [name, sm] of Object.entries(m[field] ?? {})) {
      const entry = ctx.child(`${field}[${JSON.stringify(name)}]`);
      if (field !== 'queryParams') {
        const problem = matchHeaderNameProblem(name);
        if (problem) entry.fail(`names the header ${JSON.stringify(name)}, which Istio rejects: ${problem}`, "write a header name such as 'x-user-id'.");
      }
      // In withoutHeaders, the regex '*' means "the header is present", which Istio allows.
      checkStringMatch(entry, sm, field === 'withoutHeaders');
    }
  }
}

function checkStringMatch(ctx: RenderContext, sm: StringMatch | undefined, starMeansPresent: boolean): void {
  if (!(sm instanceof StringMatch) || sm.kind !== 'regex') return;
  if (starMeansPresent && sm.value === '*') return;
  checkRegex(ctx.child('regex'), sm.value);
}

function renderRewrite(r: HttpRewrite): any {
  const uriRegexRewrite = r.uriRegexRewrite && { match: r.uriRegexRewrite.match, rewrite: r.uriRegexRewrite.rewrite };
  return compactObject({ uri: r.uri, uriRegexRewrite, authority: r.authority });
}

function checkHeaderOperations(ctx: RenderContext, ops: HeaderOperations | undefined): void {
  if (!ops) return;
  for (const [field, map] of [['set', ops.set], ['add', ops.add]] as const) {
    for (const [name, value] of Object.entries(map ?? {})) {
      checkNonEmpty(ctx.child(`${field} header name`), name, "'x-request-source'");
      checkNoLineBreak(ctx.child(`${field} header name`), name, 'write the header name on one line');
      if (typeof value !== 'string') {
        ctx.child(`${field}['${name}']`).fail(`is ${JSON.stringify(value)}`, (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean'
          ? `header values are strings, e.g. '${String(value)}'.` : "header values are strings, e.g. 'on'.");
      }
      checkNoLineBreak(ctx.child(`${field}['${JSON.stringify(name).slice(1, -1)}']`), value, 'write the value on one line (a header cannot carry line breaks)');
    }
  }
  (ops.remove ?? []).forEach((name, i) => {
    checkNonEmpty(ctx.child(`remove[${i}]`), name, "'x-internal-debug'");
    checkNoLineBreak(ctx.child(`remove[${i}]`), name, 'write the header name on one line');
  });
}

function renderHeaderOperations(ops: HeaderOperations | undefined): any {
  if (!ops) return undefined;
  const nonEmpty = (m: { [k: string]: string } | undefined) => (m && Object.keys(m).length > 0 ? { ...m } : undefined);
  return compactObject({
    set: nonEmpty(ops.set),
    add: nonEmpty(ops.add),
    remove: ops.remove && ops.remove.length > 0 ? [...ops.remove] : undefined,
  });
}

function renderCors(ctx: RenderContext, c: CorsPolicy): any {
  const list = (values: string[] | undefined) => (values !== undefined && values.length > 0 ? [...values] : undefined);
  return compactObject({
    allowOrigins: c.allowOrigins.map((o) => o.toJson()),
    allowMethods: list(c.allowMethods),
    allowHeaders: list(c.allowHeaders),
    exposeHeaders: list(c.exposeHeaders),
    maxAge: checkDuration(ctx.child('maxAge'), c.maxAge),
    allowCredentials: c.allowCredentials,
  });
}
