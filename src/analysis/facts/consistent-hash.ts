import { isPlainObject, ObjectRecord } from '../manifest';
import { arrayOf } from '../resources/virtualservice';

/** Where the consistent hash that applies to one destination is written. */
interface HashSource {
  readonly dr: ObjectRecord;
  readonly path: Array<string | number>;
  readonly consistentHash: Record<string, any>;
}

/** How a consistentHash hashes, for messages. */
export function describeHash(ch: Record<string, any>): string {
  if (isPlainObject(ch.httpCookie)) return `on cookie "${ch.httpCookie.name ?? ''}"`;
  if (typeof ch.httpHeaderName === 'string') return `on header "${ch.httpHeaderName}"`;
  if (typeof ch.httpQueryParameterName === 'string') return `on query parameter "${ch.httpQueryParameterName}"`;
  if (ch.useSourceIp === true) return 'on the source IP';
  return '';
}

/**
 * The consistent hash applying to traffic for `subset` of the DestinationRule: the subset's own
 * `loadBalancer` when it sets one (it replaces the top-level one), else the top-level one.
 */
export function hashFor(dr: ObjectRecord, subset: string | undefined): HashSource | undefined {
  const spec = dr.spec;
  if (subset !== undefined) {
    const i = arrayOf(spec.subsets).findIndex((s) => isPlainObject(s) && s.name === subset);
    if (i >= 0) {
      const lb = spec.subsets[i].trafficPolicy?.loadBalancer;
      if (isPlainObject(lb)) {
        return isPlainObject(lb.consistentHash)
          ? { dr, path: ['spec', 'subsets', i, 'trafficPolicy', 'loadBalancer', 'consistentHash'], consistentHash: lb.consistentHash }
          : undefined;
      }
    }
  }
  const top = spec.trafficPolicy?.loadBalancer;
  return isPlainObject(top) && isPlainObject(top.consistentHash)
    ? { dr, path: ['spec', 'trafficPolicy', 'loadBalancer', 'consistentHash'], consistentHash: top.consistentHash }
    : undefined;
}
