/**
 * Load-balancer settings Istio's validation webhook checks: locality names and weights, and the
 * Maglev table size. Pure functions over plain values.
 */

/** Largest ring-hash `minimumRingSize` Envoy accepts (its `RingHashLbConfig` limit, 8M entries). */
export const RING_HASH_MAX_SIZE = 8_388_608;

/** Maglev table sizes must be below this (Envoy's limit). */
export const MAGLEV_TABLE_SIZE_LIMIT = 5000011;

/**
 * Primality as Envoy tests the Maglev table size (and Istio copies): 1, 2 and 3 count as prime,
 * other even numbers do not, odd numbers are tried by trial division.
 */
export function isMaglevPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let f = 3; f <= limit; f += 2) {
    if (x % f === 0) return false;
  }
  return true;
}

/** The smallest Maglev-valid table size not below `x` (for fix suggestions). */
export function nextMaglevPrime(x: number): number {
  let n = Math.max(2, Math.ceil(x));
  while (!isMaglevPrime(n)) n++;
  return n;
}

/**
 * Checks a list of locality names (`region`, `region/zone`, `region/zone/subzone`, with an optional
 * trailing `*`) as Istio does for `localityLbSetting.distribute`: a single trailing wildcard at
 * most, no empty part, and no locality that overlaps one listed before it.
 * Returns why the list is refused (the first problem, as Istio stops there), or undefined.
 */
export function localityListProblem(localities: readonly string[]): { locality: string; reason: string } | undefined {
  // region → zone → subzone; '*' marks "all of this level".
  const seen = new Map<string, Map<string, Set<string>>>();
  for (const locality of localities) {
    const stars = locality.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !locality.endsWith('*'))) {
      return { locality, reason: 'may contain at most one "*", and only at its end' };
    }
    if (seen.has('*')) {
      return { locality, reason: 'overlaps a locality listed before it' };
    }
    const parts = splitLocality(locality);
    if (parts.some((p) => p === '')) {
      return { locality, reason: 'has an empty region, zone or subzone' };
    }
    const [region, zone, subzone] = parts;
    const zones = seen.get(region);
    if (parts.length === 1) {
      if (zones) return { locality, reason: 'overlaps a locality listed before it' };
      seen.set(region, new Map([['*', new Set(['*'])]]));
    } else if (parts.length === 2) {
      if (zones) {
        if (zones.has('*') || zones.has(zone)) return { locality, reason: 'overlaps a locality listed before it' };
        zones.set(zone, new Set(['*']));
      } else {
        seen.set(region, new Map([[zone, new Set(['*'])]]));
      }
    } else {
      if (zones) {
        if (zones.has('*')) return { locality, reason: 'overlaps a locality listed before it' };
        const subzones = zones.get(zone);
        if (subzones) {
          if (subzones.has('*') || subzones.has(subzone)) return { locality, reason: 'overlaps a locality listed before it' };
          subzones.add(subzone);
        } else {
          zones.set(zone, new Set([subzone]));
        }
      } else {
        seen.set(region, new Map([[zone, new Set([subzone])]]));
      }
    }
  }
  return undefined;
}

/** Splits `region/zone/subzone` into at most three parts (the third keeps any further `/`). */
function splitLocality(locality: string): string[] {
  const parts = locality.split('/');
  return parts.length <= 3 ? parts : [parts[0], parts[1], parts.slice(2).join('/')];
}

/** Topology labels that may not be used in `failoverPriority` together with `failover`. */
export const TOPOLOGY_FAILOVER_LABELS: readonly string[] = [
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
];
