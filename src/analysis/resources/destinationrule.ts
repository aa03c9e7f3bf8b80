import { isPlainObject, ObjectRecord } from '../manifest';
import { arrayOf } from './virtualservice';

/**
 * One traffic policy of a DestinationRule: the top-level `trafficPolicy`, a subset's
 * `trafficPolicy`, or a `portLevelSettings[]` entry of either. Istio's webhook validates each of
 * them the same way (a port-level entry has no tunnel or proxyProtocol).
 */
export interface TrafficPolicyRef {
  readonly dr: ObjectRecord;
  /** The policy object. */
  readonly policy: Record<string, any>;
  /** Path segments of the policy, e.g. `['spec', 'subsets', 1, 'trafficPolicy']`. */
  readonly path: Array<string | number>;
  /** How the policy is named in messages: `the top-level traffic policy`, `subset "v2"`, `port 8080 of subset "v2"`. */
  readonly label: string;
  /** Name of the subset the policy belongs to (undefined for the top-level policy and its ports). */
  readonly subset?: string;
  /** Index of the subset in `spec.subsets`. */
  readonly subsetIndex?: number;
  /** Whether this is a `portLevelSettings[]` entry. */
  readonly portLevel: boolean;
  /** Port number of a port-level entry, when written. */
  readonly port?: number;
}

/** Every traffic policy of a DestinationRule, top level first, then subsets in order. */
export function trafficPoliciesOf(dr: ObjectRecord): TrafficPolicyRef[] {
  const out: TrafficPolicyRef[] = [];
  if (!isPlainObject(dr.spec)) return out;
  const add = (policy: unknown, path: Array<string | number>, label: string, subset?: string, subsetIndex?: number) => {
    if (!isPlainObject(policy)) return;
    out.push({ dr, policy, path, label, subset, subsetIndex, portLevel: false });
    arrayOf(policy.portLevelSettings).forEach((pl, i) => {
      if (!isPlainObject(pl)) return;
      const port = isPlainObject(pl.port) && typeof pl.port.number === 'number' ? pl.port.number : undefined;
      const portName = port !== undefined ? `port ${port}` : `portLevelSettings[${i}]`;
      out.push({
        dr,
        policy: pl,
        path: [...path, 'portLevelSettings', i],
        label: subset !== undefined ? `${portName} of subset "${subset}"` : `${portName} of the top-level traffic policy`,
        subset,
        subsetIndex,
        portLevel: true,
        port,
      });
    });
  };
  add(dr.spec.trafficPolicy, ['spec', 'trafficPolicy'], 'the top-level traffic policy');
  arrayOf(dr.spec.subsets).forEach((s, i) => {
    if (!isPlainObject(s)) return;
    const name = typeof s.name === 'string' ? s.name : `#${i}`;
    add(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], `subset "${name}"`, name, i);
  });
  return out;
}

/** The DestinationRule's `spec.host` when it is a non-empty string. */
export function hostOf(dr: ObjectRecord): string | undefined {
  return isPlainObject(dr.spec) && typeof dr.spec.host === 'string' && dr.spec.host !== '' ? dr.spec.host : undefined;
}
