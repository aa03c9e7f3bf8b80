/**
 * Test helpers for TypeScript users of the simulator: matchers for Jest (or any runner with a
 * compatible `expect.extend`) and plain assertion functions for other runners. They are not part
 * of the jsii API (Python, Java, Go and .NET users assert on the `RequestTrace` fields instead),
 * so they import from `cdk8s-istio/testing`.
 */
import { MeshService } from '../mesh/mesh-service';
import { ServiceVersion } from '../mesh/service-version';
import { DestinationTrace, RequestOutcome, RequestTrace } from '../simulator/trace';

/** Where a request should go: a host, a MeshService, a ServiceVersion, or a host and subset. */
export type RouteExpectation = string | MeshService | ServiceVersion | { readonly host: string; readonly subset?: string };

/** What a matcher returns (Jest's shape). */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function expected(target: RouteExpectation): { host: string; subset?: string; label: string } {
  if (typeof target === 'string') return { host: target, label: target };
  if (target instanceof ServiceVersion) {
    return { host: target.meshService.host, subset: target.name, label: `${target.meshService.host} subset ${target.name}` };
  }
  if (target instanceof MeshService) return { host: target.host, label: target.host };
  return { host: target.host, subset: target.subset, label: target.subset ? `${target.host} subset ${target.subset}` : target.host };
}

/** A trace host (always fully qualified) is the expected one: equal, or a short name of it (`reviews`, `reviews.shop`). */
function sameHost(actual: string, wanted: string): boolean {
  return actual === wanted || actual.startsWith(`${wanted}.`);
}

function describeDestinations(trace: RequestTrace): string {
  if (trace.destinations.length === 0) return 'no destination';
  return trace.destinations.map((d) => `${d.host}${d.subset ? ` subset ${d.subset}` : ''} (${d.share}%, ${d.outcome})`).join(', ');
}

function explain(trace: RequestTrace): string {
  return `${trace.summary}${trace.notes.length > 0 ? `\nNotes:\n  - ${trace.notes.join('\n  - ')}` : ''}`;
}

/**
 * The destinations of `trace` that are `target` and get requests. With a `share`, the share must
 * be that percentage; without, every routed request must go there (100%).
 */
function matching(trace: RequestTrace, target: RouteExpectation): DestinationTrace[] {
  const want = expected(target);
  return trace.destinations.filter((d) => sameHost(d.host, want.host) && (want.subset === undefined || d.subset === want.subset) && d.share > 0);
}

/**
 * Whether the request is routed (not denied, aborted, redirected…) and `share` percent of it
 * (default 100) goes to `target`.
 */
export function toRouteTo(trace: RequestTrace, target: RouteExpectation, share: number = 100): MatcherResult {
  const want = expected(target);
  const found = matching(trace, target);
  const total = found.reduce((sum, d) => sum + d.share, 0);
  const pass = trace.outcome === RequestOutcome.ROUTED && Math.abs(total - share) < 0.01;
  return {
    pass,
    message: () => pass
      ? `expected the request not to send ${share}% to ${want.label}, but it does.\n${explain(trace)}`
      : `expected the request to be routed with ${share}% to ${want.label}; outcome ${trace.outcome}, destinations: ${describeDestinations(trace)}.\n${explain(trace)}`,
  };
}

/** Whether the trace ends with `outcome` (`routed`, `denied`, `no-route`, …). */
export function toHaveOutcome(trace: RequestTrace, outcome: RequestOutcome): MatcherResult {
  const pass = trace.outcome === outcome;
  return {
    pass,
    message: () => pass
      ? `expected the outcome not to be ${outcome}.\n${explain(trace)}`
      : `expected the outcome ${outcome}, got ${trace.outcome}.\n${explain(trace)}`,
  };
}

/** Whether the request is denied (403 or 401), by the policy named `policyName` when given. */
export function toBeDenied(trace: RequestTrace, policyName?: string): MatcherResult {
  const by = trace.authorization?.policy?.name;
  const pass = trace.outcome === RequestOutcome.DENIED && (policyName === undefined || by === policyName);
  return {
    pass,
    message: () => pass
      ? `expected the request not to be denied${policyName ? ` by ${policyName}` : ''}.\n${explain(trace)}`
      : `expected the request to be denied${policyName ? ` by AuthorizationPolicy ${policyName}` : ''}; outcome ${trace.outcome}${by ? `, deciding policy ${by}` : ''}.\n${explain(trace)}`,
  };
}

/** Whether the main destination's connection is mutual TLS. */
export function toUseMutualTls(trace: RequestTrace): MatcherResult {
  const pass = trace.tls?.client === 'ISTIO_MUTUAL' && trace.outcome !== RequestOutcome.CONNECTION_FAILURE;
  return {
    pass,
    message: () => pass
      ? `expected the connection not to be mutual TLS.\n${explain(trace)}`
      : `expected mutual TLS; client ${trace.tls?.client ?? 'none'}, server ${trace.tls?.server ?? 'none'}.\n${explain(trace)}`,
  };
}

/**
 * The matchers for `expect.extend(simulatorMatchers)`. To type them, add to a `.d.ts` of your tests:
 *
 * ```ts
 * import type { RouteExpectation } from 'cdk8s-istio/testing';
 * declare global {
 *   namespace jest {
 *     interface Matchers<R> {
 *       toRouteTo(target: RouteExpectation, share?: number): R;
 *       toHaveOutcome(outcome: import('cdk8s-istio').RequestOutcome): R;
 *       toBeDenied(policyName?: string): R;
 *       toUseMutualTls(): R;
 *     }
 *   }
 * }
 * ```
 */
export const simulatorMatchers = { toRouteTo, toHaveOutcome, toBeDenied, toUseMutualTls };

/** Throws (with the trace's explanation) unless `share`% of the request goes to `target`; for any test runner. */
export function assertRoutesTo(trace: RequestTrace, target: RouteExpectation, share: number = 100): void {
  const r = toRouteTo(trace, target, share);
  if (!r.pass) throw new Error(r.message());
}

/** Throws unless the request is denied (by `policyName` when given). */
export function assertDenied(trace: RequestTrace, policyName?: string): void {
  const r = toBeDenied(trace, policyName);
  if (!r.pass) throw new Error(r.message());
}

/** Throws unless the trace ends with `outcome`. */
export function assertOutcome(trace: RequestTrace, outcome: RequestOutcome): void {
  const r = toHaveOutcome(trace, outcome);
  if (!r.pass) throw new Error(r.message());
}
