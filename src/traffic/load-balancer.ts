import { Duration } from 'cdk8s';
import { localityListProblem, RING_HASH_MAX_SIZE, TOPOLOGY_FAILOVER_LABELS } from '../analysis/validators/load-balancer';
import { checkCount, checkNonEmpty, checkNoLineBreak, checkPercent, checkWhole, compactObject, checkDuration, shownValue } from '../private/checks';
import { RenderContext } from '../private/render-context';

/** Traffic from one locality failing over to another region. */
export interface LocalityFailover {
  /** Region the traffic originates from, e.g. `us-east`. */
  readonly from: string;
  /** Region to send it to when the endpoints of `from` are unhealthy, e.g. `eu-west`. */
  readonly to: string;
}

/** How traffic originating in one locality is spread over localities. */
export interface LocalityDistribution {
  /** Originating locality, `region/zone/subzone`, may end in `*`, e.g. `us-west/zone1/*`. */
  readonly from: string;
  /** Destination localities and the percentage each receives (adding up to 100). */
  readonly to: { [locality: string]: number };
}

/**
 * Locality-aware load balancing: prefer endpoints close to the caller, with failover or a
 * weighted distribution. Failover needs outlier detection to notice unhealthy endpoints.
 */
export interface LocalityLoadBalancerSetting {
  /**
   * Turns locality load balancing on or off for this destination.
   * @default - the mesh-wide setting
   */
  readonly enabled?: boolean;

  /**
   * Region-to-region failover. Cannot be combined with `distribute`.
   * @default - Istio's locality order (region, zone, subzone)
   */
  readonly failover?: LocalityFailover[];

  /**
   * Weighted distribution per originating locality. Cannot be combined with `failover`.
   * @default - no explicit distribution
   */
  readonly distribute?: LocalityDistribution[];

  /**
   * Ordered labels by which endpoints are sorted into priorities, e.g.
   * `['topology.istio.io/network', 'topology.kubernetes.io/region']`.
   * @default - no priority labels
   */
  readonly failoverPriority?: string[];
}

/**
 * Slow start: endpoints that just joined receive a growing share of traffic over `duration`.
 * Envoy supports it for round-robin and least-request balancing.
 */
export interface Warmup {
  /** Length of the warmup window of a new endpoint. */
  readonly duration: Duration;

  /**
   * Minimum share (percent, 0-100) of its normal weight that a warming endpoint gets.
   * @default 10
   */
  readonly minimumPercent?: number;

  /**
   * How fast traffic grows: 1 is linear, higher values ramp up faster at the start.
   * @default 1
   */
  readonly aggression?: number;
}

/** Options of every load balancer. */
export interface LoadBalancerOptions {
  /**
   * Locality-aware load balancing settings.
   * @default - the mesh-wide locality settings
   */
  readonly locality?: LocalityLoadBalancerSetting;
}

/** Options of the round-robin and least-request balancers. */
export interface WarmupLoadBalancerOptions extends LoadBalancerOptions {
  /**
   * Slow start for new endpoints.
   * @default - no warmup: new endpoints get their full share at once
   */
  readonly warmup?: Warmup;
}

/** The consistent-hashing algorithm. */
export class HashAlgorithm {
  /**
   * Ring hash (Ketama).
   * @param minimumRingSize the least number of virtual nodes on the ring (default 1024)
   */
  public static ringHash(minimumRingSize?: number): HashAlgorithm {
    return new HashAlgorithm('ringHash', minimumRingSize);
  }

  /**
   * Maglev: faster lookups and less memory than a ring, slightly more disruption when hosts change.
   * @param tableSize size of the lookup table; Envoy requires a prime number (e.g. 65537)
   */
  public static maglev(tableSize: number): HashAlgorithm {
    return new HashAlgorithm('maglev', tableSize);
  }

  private constructor(private readonly kind: string, private readonly size?: number) {}

  /** @internal */
  public _render(ctx: RenderContext): any {
    if (this.kind === 'maglev') {
      // 0 is protobuf's "unset": Istio would find no table size and reject the rule.
      if (this.size === 0) ctx.child('maglev.tableSize').fail('is 0, which Istio reads as no table size', 'give a prime number, e.g. 65537.');
      return { maglev: { tableSize: checkCount(ctx.child('maglev.tableSize'), this.size, Number.MAX_SAFE_INTEGER) } };
    }
    return { ringHash: compactObject({ minimumRingSize: checkCount(ctx.child('ringHash.minimumRingSize'), this.size, RING_HASH_MAX_SIZE) }) ?? {} };
  }
}

/** An attribute of a generated hash cookie. */
export interface HashCookieAttribute {
  /** Attribute name, e.g. `SameSite`. */
  readonly name: string;
  /**
   * Attribute value, e.g. `Strict`.
   * @default - a flag attribute without value (e.g. `Secure`)
   */
  readonly value?: string;
}

/** The HTTP cookie a consistent hash is computed from. */
export interface HashCookie {
  /** Name of the cookie. */
  readonly name: string;

  /**
   * Path of the cookie.
   * @default - no path
   */
  readonly path?: string;

  /**
   * Lifetime of the cookie. When set, Envoy generates the cookie for clients that lack it;
   * `Duration.seconds(0)` makes it a session cookie.
   * @default - the cookie is not generated
   */
  readonly ttl?: Duration;

  /**
   * Extra attributes of a generated cookie.
   * @default - none
   */
  readonly attributes?: HashCookieAttribute[];
}

/** Options of a consistent-hash balancer. */
export interface ConsistentHashOptions extends LoadBalancerOptions {
  /**
   * The hashing algorithm.
   * @default HashAlgorithm.ringHash()
   */
  readonly hashAlgorithm?: HashAlgorithm;
}

/**
 * How a client sidecar picks a host of the destination: a simple algorithm, or a consistent
 * hash (session affinity) on a header, cookie, source IP or query parameter.
 *
 * @example
 * LoadBalancer.leastRequest({ warmup: { duration: Duration.seconds(60) } });
 * LoadBalancer.consistentHashByCookie({ name: 'session', ttl: Duration.hours(1) });
 */
export class LoadBalancer {
  /** Round robin over healthy hosts. */
  public static roundRobin(options: WarmupLoadBalancerOptions = {}): LoadBalancer {
    return new LoadBalancer('ROUND_ROBIN', undefined, options, options.warmup);
  }

  /** Sends to the host with fewer active requests of two picked at random (Istio's default). */
  public static leastRequest(options: WarmupLoadBalancerOptions = {}): LoadBalancer {
    return new LoadBalancer('LEAST_REQUEST', undefined, options, options.warmup);
  }

  /** A random healthy host. */
  public static random(options: LoadBalancerOptions = {}): LoadBalancer {
    return new LoadBalancer('RANDOM', undefined, options);
  }

  /** No balancing: the connection goes to the address the caller asked for. For advanced use. */
  public static passthrough(): LoadBalancer {
    return new LoadBalancer('PASSTHROUGH', undefined, {});
  }

  /** Session affinity on the value of an HTTP request header. */
  public static consistentHashByHeader(headerName: string, options: ConsistentHashOptions = {}): LoadBalancer {
    return new LoadBalancer(undefined, { kind: 'httpHeaderName', value: headerName }, options);
  }

  /** Session affinity on an HTTP cookie, which Envoy can generate when `ttl` is set. */
  public static consistentHashByCookie(cookie: HashCookie, options: ConsistentHashOptions = {}): LoadBalancer {
    return new LoadBalancer(undefined, { kind: 'httpCookie', value: cookie }, options);
  }

  /** Session affinity on the caller's IP address. */
  public static consistentHashBySourceIp(options: ConsistentHashOptions = {}): LoadBalancer {
    return new LoadBalancer(undefined, { kind: 'useSourceIp', value: true }, options);
  }

  /** Session affinity on the value of an HTTP query parameter. */
  public static consistentHashByQueryParameter(parameterName: string, options: ConsistentHashOptions = {}): LoadBalancer {
    return new LoadBalancer(undefined, { kind: 'httpQueryParameterName', value: parameterName }, options);
  }

  private constructor(
    private readonly simple: string | undefined,
    private readonly hashKey: { kind: string; value: any } | undefined,
    private readonly options: ConsistentHashOptions,
    private readonly warmup?: Warmup,
  ) {}

  /**
   * Renders Istio's `LoadBalancerSettings`, checking it first.
   * @internal
   */
  public _render(ctx: RenderContext): any {
    const out: Record<string, any> = {};
    if (this.simple) out.simple = this.simple;
    if (this.hashKey) out.consistentHash = this.renderHash(ctx.child('consistentHash'));
    const locality = renderLocality(ctx.child('locality'), this.options.locality);
    if (locality !== undefined) out.localityLbSetting = locality;
    if (this.warmup !== undefined) out.warmup = renderWarmup(ctx.child('warmup'), this.warmup);
    return out;
  }

  private renderHash(ctx: RenderContext): any {
    const { kind, value } = this.hashKey!;
    const out: Record<string, any> = {};
    switch (kind) {
      case 'httpCookie':
        out.httpCookie = renderCookie(ctx.child('httpCookie'), value as HashCookie);
        break;
      case 'useSourceIp':
        out.useSourceIp = true;
        break;
      default:
        if (value === undefined || value === null) ctx.child(kind).fail('is missing; name the header or query parameter to hash on.');
        out[kind] = checkNonEmpty(ctx.child(kind), value, kind === 'httpHeaderName' ? "'x-user-id'" : "'session'");
        if (kind === 'httpHeaderName') checkNoLineBreak(ctx.child(kind), value, "write the header name on one line, e.g. 'x-user-id'");
    }
    const algorithm = this.options.hashAlgorithm;
    if (algorithm !== undefined) {
      if (!(algorithm instanceof HashAlgorithm)) {
        ctx.child('hashAlgorithm').fail('is not a HashAlgorithm; use HashAlgorithm.ringHash() or HashAlgorithm.maglev(65537).');
      }
      Object.assign(out, algorithm._render(ctx));
    }
    return out;
  }
}

function renderCookie(ctx: RenderContext, cookie: HashCookie | undefined): any {
  if (cookie === undefined || cookie === null || typeof cookie.name !== 'string' || cookie.name.trim() === '') {
    return ctx.child('name').fail(`is ${cookie?.name === undefined ? 'missing' : 'empty'}; a cookie hash needs the cookie's name, e.g. { name: 'session' }.`);
  }
  // The CRD types the path as a string; Envoy takes any path (it only writes it into Set-Cookie).
  if (cookie.path !== undefined && typeof cookie.path !== 'string') {
    ctx.child('path').fail(`is ${JSON.stringify(cookie.path) ?? String(cookie.path)} (a ${cookie.path === null ? 'null' : typeof cookie.path}, not a string)`, "write the cookie path as a string, e.g. '/'.");
  }
  const seen = new Set<string>();
  const attributes = (cookie.attributes ?? []).map((a, i) => {
    const at = ctx.child(`attributes[${i}]`);
    checkNonEmpty(at.child('name'), a.name ?? '', "'SameSite'");
    // Envoy refuses line breaks and NUL in attribute names and values; Istio refuses a name given twice.
    checkNoLineBreak(at.child('name'), a.name, "write the attribute name on one line, e.g. 'SameSite'");
    checkNoLineBreak(at.child('value'), a.value, "write the attribute value on one line, e.g. 'Strict'");
    if (seen.has(a.name)) at.child('name').fail(`is '${a.name}', which an earlier attribute already sets; Istio rejects duplicate cookie attributes`, 'give each attribute once.');
    seen.add(a.name);
    return compactObject({ name: a.name, value: a.value });
  });
  return compactObject({
    name: cookie.name,
    path: cookie.path,
    ttl: checkDuration(ctx.child('ttl'), cookie.ttl, { unchecked: true }),
    attributes: attributes.length > 0 ? attributes : undefined,
  });
}

function renderWarmup(ctx: RenderContext, warmup: Warmup): any {
  if (warmup.duration === undefined) {
    ctx.child('duration').fail('is missing; a warmup needs its window, e.g. { duration: Duration.seconds(60) }.');
  }
  // Istio's webhook refuses an aggression under 1; Infinity would be written as YAML `.inf`, which
  // has no JSON form, and NaN as `.nan`.
  if (warmup.aggression !== undefined && (typeof warmup.aggression !== 'number' || !Number.isFinite(warmup.aggression) || !(warmup.aggression >= 1))) {
    ctx.child('aggression').fail(`is ${warmup.aggression}; aggression is a finite number of 1 or more (1 ramps up linearly, higher values faster), e.g. 1.`);
  }
  return compactObject({
    duration: checkDuration(ctx.child('duration'), warmup.duration),
    minimumPercent: checkPercent(ctx.child('minimumPercent'), warmup.minimumPercent, false),
    aggression: warmup.aggression,
  });
}

function renderLocality(ctx: RenderContext, l: LocalityLoadBalancerSetting | undefined): any {
  if (l === undefined) return undefined;
  if (l.enabled !== undefined && typeof l.enabled !== 'boolean') {
    ctx.child('enabled').fail(`is ${shownValue(l.enabled)}; the CRD takes true or false`, 'write enabled: true or enabled: false, or leave it out.');
  }
  const failover = l.failover ?? [];
  const distribute = l.distribute ?? [];
  if (failover.length > 0 && distribute.length > 0) {
    ctx.fail('sets both failover and distribute; Istio takes one of them: fail over between regions, or distribute by weight.');
  }
  failover.forEach((f, i) => checkFailover(ctx.child(`failover[${i}]`), f));
  if (failover.length > 0) {
    // Istio's webhook refuses these labels next to failover, which already orders by region.
    (l.failoverPriority ?? []).forEach((p, i) => {
      if (TOPOLOGY_FAILOVER_LABELS.includes(p)) {
        ctx.child(`failoverPriority[${i}]`).fail(
          `is '${p}', a topology label Istio rejects together with failover (failover already orders endpoints by region)`,
          'remove the region, zone and subzone labels from failoverPriority, or leave out failover.',
        );
      }
    });
  }
  distribute.forEach((d, i) => checkDistribution(ctx.child(`distribute[${i}]`), d));
  const sources = localityListProblem(distribute.map((d) => d.from));
  if (sources) {
    const i = distribute.findIndex((d) => d.from === sources.locality);
    ctx.child(`distribute[${i}].from`).fail(`is '${sources.locality}', which ${sources.reason}; Istio rejects it`, LOCALITY_FORM);
  }
  (l.failoverPriority ?? []).forEach((p, i) => checkNonEmpty(ctx.child(`failoverPriority[${i}]`), p, "'topology.kubernetes.io/region'"));
  return compactObject({
    enabled: l.enabled,
    failover: failover.length > 0 ? failover.map((f) => ({ from: f.from, to: f.to })) : undefined,
    distribute: distribute.length > 0 ? distribute.map((d) => ({ from: d.from, to: { ...d.to } })) : undefined,
    failoverPriority: l.failoverPriority && l.failoverPriority.length > 0 ? [...l.failoverPriority] : undefined,
  });
}

const LOCALITY_FORM = "write a locality as 'region', 'region/zone' or 'region/zone/subzone', with '*' only as its last character, and list each once.";

/** Istio's failover names two different regions: no zone, no wildcard. */
function checkFailover(ctx: RenderContext, f: LocalityFailover): void {
  checkNonEmpty(ctx.child('from'), f.from ?? '', "'us-east'");
  checkNonEmpty(ctx.child('to'), f.to ?? '', "'eu-west'");
  for (const side of ['from', 'to'] as const) {
    const region = f[side];
    if (region.includes('/')) {
      ctx.child(side).fail(`is '${region}', a zone; Istio's failover takes regions only`, "write the region alone, e.g. 'us-east', and order zones with failoverPriority.");
    }
    if (region.includes('*')) {
      ctx.child(side).fail(`is '${region}'; Istio's failover regions cannot be wildcards`, 'write one failover entry per region.');
    }
  }
  if (f.from === f.to) {
    ctx.child('to').fail(`is '${f.to}', the region it fails over from; Istio rejects it`, "write a different region, e.g. 'eu-west'.");
  }
}

/** Istio's distribution: weights from 1 to 100 adding up to 100, over well-formed, distinct localities. */
function checkDistribution(ctx: RenderContext, d: LocalityDistribution): void {
  checkNonEmpty(ctx.child('from'), d.from ?? '', "'us-west/zone1/*'");
  const to = d.to ?? {};
  let total = 0;
  for (const [locality, weight] of Object.entries(to)) {
    checkWhole(ctx.child(`to['${locality}']`), weight, 1, 100,
      'a locality weight is a whole number from 1 to 100 (Istio rejects 0: leave out localities that get no traffic)');
    total += weight;
  }
  if (total !== 100) {
    const weights = Object.entries(to).map(([k, w]) => `'${k}': ${w}`).join(', ');
    ctx.child('to').fail(`has weights adding up to ${total} (${weights === '' ? 'none' : weights}); Istio rejects anything but 100`, 'make the weights add up to exactly 100.');
  }
  const targets = localityListProblem(Object.keys(to));
  if (targets) ctx.child(`to['${targets.locality}']`).fail(`names the locality '${targets.locality}', which ${targets.reason}; Istio rejects it`, LOCALITY_FORM);
}
