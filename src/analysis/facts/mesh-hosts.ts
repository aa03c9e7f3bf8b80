import { isPlainObject, ObjectRecord } from '../manifest';
import { arrayOf } from '../resources/virtualservice';

/** Scope of a VirtualService's hosts: `*` (exported everywhere) or one namespace. */
export const ALL_NAMESPACES = '*';

export interface HostEntry {
  readonly vs: ObjectRecord;
  /** Index of the host in spec.hosts. */
  readonly hostIndex: number;
  /** The host as written. */
  readonly host: string;
}

/** Namespaces a VirtualService's hosts are visible in, as istioctl scopes them. */
export function scopesOf(vs: ObjectRecord): string[] {
  const exportTo = arrayOf(isPlainObject(vs.spec) ? vs.spec.exportTo : undefined).filter(
    (e): e is string => typeof e === 'string',
  );
  if (exportTo.length === 0 || exportTo.includes(ALL_NAMESPACES)) return [ALL_NAMESPACES];
  return [...new Set(exportTo.map((e) => (e === '.' ? vs.namespace : e)))];
}

/**
 * Finds the hosts that overlap a given host under Istio's wildcard rules (`*.example.com`
 * overlaps `a.example.com` and `*.b.example.com`; `*` overlaps everything) without comparing the
 * query against every stored host: hosts are indexed by their dot-suffixes.
 */
export class HostOverlapIndex<T> {
  /** Non-wildcard hosts, exactly. */
  private readonly exact = new Map<string, T[]>();
  /** Wildcard hosts by the part after `*` (`.example.com`, or `''` for `*`). */
  private readonly wildcards = new Map<string, T[]>();
  /** Every host by each of its dot-suffixes (and `''`), for wildcard queries. */
  private readonly bySuffix = new Map<string, T[]>();

  public add(host: string, item: T): void {
    if (host.startsWith('*')) {
      append(this.wildcards, host.slice(1), item);
    } else {
      append(this.exact, host, item);
    }
    for (const suffix of dotSuffixes(host.startsWith('*') ? host.slice(1) : host)) {
      append(this.bySuffix, suffix, item);
    }
  }

  /** Items whose host overlaps `host`. */
  public overlapping(host: string): T[] {
    const out = new Set<T>();
    const addAll = (list: T[] | undefined) => list?.forEach((x) => out.add(x));
    const core = host.startsWith('*') ? host.slice(1) : host;
    if (host.startsWith('*')) {
      // Stored hosts (wildcard or not) that end with the query's suffix…
      addAll(this.bySuffix.get(core));
    } else {
      addAll(this.exact.get(host));
    }
    // …and stored wildcards whose suffix ends the query.
    for (const suffix of dotSuffixes(core)) addAll(this.wildcards.get(suffix));
    return [...out];
  }
}

/** `a.b.c` → `.b.c`, `.c`, `''`; `.b.c` → `.b.c`, `.c`, `''`. */
function dotSuffixes(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '.') out.push(s.slice(i));
  }
  out.push('');
  return out;
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
