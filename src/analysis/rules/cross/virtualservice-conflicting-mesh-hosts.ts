import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf, hostsOf, isBoundToMesh, qualifiedName } from '../virtualservice-routes';

/** Scope of a VirtualService's hosts: `*` (exported everywhere) or one namespace. */
const ALL_NAMESPACES = '*';

interface HostEntry {
  readonly vs: ObjectRecord;
  /** Index of the host in spec.hosts. */
  readonly hostIndex: number;
  /** The host as written. */
  readonly host: string;
}

/**
 * Two or more VirtualServices bound to the mesh (no `gateways`, or `mesh` listed) define the same
 * host. Sidecars do not merge such VirtualServices, so which one applies is undefined.
 *
 * Follows `istioctl analyze` (ConflictingMeshGatewayHostsAnalyzer): hosts are made fully
 * qualified relative to the VirtualService's namespace and scoped by `exportTo` (no exportTo or a
 * `*` entry: every namespace; `.`: its own namespace; otherwise each namespace listed). Within one
 * scope only identical hosts conflict; a VirtualService exported to some namespaces also conflicts
 * with an exported-to-all VirtualService whose host overlaps (wildcards included). Delegate
 * VirtualServices (no hosts) never conflict.
 */
export const virtualServiceConflictingMeshHosts: Rule = {
  id: 'virtualservice-conflicting-mesh-hosts',
  severity: Severity.ERROR,
  istioCode: 'IST0109',
  summary: 'Several VirtualServices bound to the mesh define the same host, so which one sidecars use is undefined.',
  check(model: MeshModel, report: Report): void {
    /** scope → fqdn → entries. */
    const byScope = new Map<string, Map<string, HostEntry[]>>();
    const exportedToAll = new HostOverlapIndex<HostEntry>();

    for (const vs of model.virtualServices()) {
      if (!isBoundToMesh(vs)) continue;
      for (const scope of scopesOf(vs)) {
        let hosts = byScope.get(scope);
        if (!hosts) {
          hosts = new Map();
          byScope.set(scope, hosts);
        }
        for (const { host, index } of hostsOf(vs)) {
          const fqdn = model.fqdn(host, vs.namespace);
          const entry: HostEntry = { vs, hostIndex: index, host };
          const list = hosts.get(fqdn);
          if (list) list.push(entry);
          else hosts.set(fqdn, [entry]);
          if (scope === ALL_NAMESPACES) exportedToAll.add(fqdn, entry);
        }
      }
    }

    /** Per VirtualService: its first conflicting host and every conflict found, in input order. */
    const conflicts = new Map<ObjectRecord, { firstHostIndex: number; lines: Map<string, Set<ObjectRecord>> }>();
    const record = (entry: HostEntry, fqdn: string, scope: string, group: HostEntry[]) => {
      const others = new Set(group.map((e) => e.vs).filter((v) => v !== entry.vs));
      if (others.size === 0) return;
      let c = conflicts.get(entry.vs);
      if (!c) {
        c = { firstHostIndex: entry.hostIndex, lines: new Map() };
        conflicts.set(entry.vs, c);
      }
      c.firstHostIndex = Math.min(c.firstHostIndex, entry.hostIndex);
      const label = scope === ALL_NAMESPACES ? fqdn : `${fqdn} (as seen from namespace ${scope})`;
      const set = c.lines.get(label) ?? new Set<ObjectRecord>();
      others.forEach((o) => set.add(o));
      c.lines.set(label, set);
    };

    for (const [scope, hosts] of byScope) {
      for (const [fqdn, entries] of hosts) {
        const group = scope === ALL_NAMESPACES ? entries : [...entries, ...exportedToAll.overlapping(fqdn)];
        if (new Set(group.map((e) => e.vs)).size < 2) continue;
        for (const entry of group) record(entry, fqdn, scope, group);
      }
    }

    for (const vs of model.virtualServices()) {
      const c = conflicts.get(vs);
      if (!c) continue;
      const details = [...c.lines]
        .map(([host, others]) => `host ${host} is also defined by ${[...others].map(qualifiedName).sort().join(', ')}`)
        .join('; ');
      const allOthers = new Set<ObjectRecord>();
      c.lines.forEach((others) => others.forEach((o) => allOthers.add(o)));
      report({
        object: vs,
        path: ['spec', 'hosts', c.firstHostIndex],
        message:
          `VirtualService ${qualifiedName(vs)} applies to the mesh and ${details}. Sidecars do not merge VirtualServices for one host, ` +
          'so which routes apply is undefined.',
        fix:
          `Merge the routes of ${[qualifiedName(vs), ...[...allOthers].map(qualifiedName).sort()].join(', ')} into one VirtualService per host, ` +
          'or limit them to different namespaces with exportTo.',
      });
    }
  },
};

/** Namespaces a VirtualService's hosts are visible in, as istioctl scopes them. */
function scopesOf(vs: ObjectRecord): string[] {
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
