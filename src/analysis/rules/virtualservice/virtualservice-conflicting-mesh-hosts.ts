import { Severity } from '../../diagnostic';
import { isDecodable } from '../../facts/decodable';
import { ALL_NAMESPACES, HostEntry, HostOverlapIndex, scopesOf } from '../../facts/mesh-hosts';
import { ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { hostsOf, isBoundToMesh } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { otherObjectName, qualifiedName } from '../../text';

export const virtualServiceConflictingMeshHosts: Rule = {
  id: 'virtualservice-conflicting-mesh-hosts',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0109',
  summary: 'Several VirtualServices bound to the mesh define the same host, so which one sidecars use is undefined.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ConflictingMeshGatewayVirtualServiceHosts (IST0109)',
  docs: 'Two or more VirtualServices bound to the mesh (no `gateways`, or `mesh` listed) define the same\n' +
    'host. Sidecars do not merge such VirtualServices, so which one applies is undefined.\n' +
    '\n' +
    'Follows `istioctl analyze` (ConflictingMeshGatewayHostsAnalyzer): hosts are made fully\n' +
    'qualified relative to the VirtualService\'s namespace and scoped by `exportTo` (no exportTo or a\n' +
    '`*` entry: every namespace; `.`: its own namespace; otherwise each namespace listed). Within one\n' +
    'scope only identical hosts conflict; a VirtualService exported to some namespaces also conflicts\n' +
    'with an exported-to-all VirtualService whose host overlaps (wildcards included). Delegate\n' +
    'VirtualServices (no hosts) never conflict, nor do VirtualServices istioctl cannot decode (a field of\n' +
    'the wrong type, a duration Go cannot parse): istioctl skips them and the API server rejects them.\n' +
    'Like istioctl, a VirtualService that lists one host twice conflicts with itself (Istio\'s webhook also rejects it).',
  fields: 'spec.hosts',
  fix: 'Merge the VirtualServices into one, or limit them with exportTo.',
  check(model: MeshModel, report: Report): void {
    /** scope → fqdn → entries. */
    const byScope = new Map<string, Map<string, HostEntry[]>>();
    const exportedToAll = new HostOverlapIndex<HostEntry>();

    for (const vs of model.virtualServices()) {
      // An object istioctl cannot decode never reaches the cluster, so it conflicts with nothing.
      if (!isBoundToMesh(vs) || !isDecodable(model, vs)) continue;
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
    const conflicts = new Map<ObjectRecord, { firstHostIndex: number; lines: Map<string, Set<ObjectRecord>>; repeated: Set<string> }>();
    const record = (entry: HostEntry, fqdn: string, scope: string, group: HostEntry[]) => {
      const others = new Set(group.map((e) => e.vs).filter((v) => v !== entry.vs));
      if (others.size === 0) return;
      let c = conflicts.get(entry.vs);
      if (!c) {
        c = { firstHostIndex: entry.hostIndex, lines: new Map(), repeated: new Set() };
        conflicts.set(entry.vs, c);
      }
      c.firstHostIndex = Math.min(c.firstHostIndex, entry.hostIndex);
      const label = scope === ALL_NAMESPACES ? fqdn : `${fqdn} (as seen from namespace ${scope})`;
      const set = c.lines.get(label) ?? new Set<ObjectRecord>();
      others.forEach((o) => set.add(o));
      c.lines.set(label, set);
    };

    // Like istioctl, a VirtualService that lists one host twice conflicts with itself (Istio's
    // webhook also rejects it, see virtualservice-invalid-host).
    for (const vs of model.virtualServices()) {
      if (!isBoundToMesh(vs)) continue;
      const seen = new Set<string>();
      for (const { host, index } of hostsOf(vs)) {
        const fqdn = model.fqdn(host, vs.namespace);
        if (!seen.has(fqdn)) {
          seen.add(fqdn);
          continue;
        }
        let c = conflicts.get(vs);
        if (!c) {
          c = { firstHostIndex: index, lines: new Map(), repeated: new Set() };
          conflicts.set(vs, c);
        }
        c.firstHostIndex = Math.min(c.firstHostIndex, index);
        c.repeated.add(fqdn);
      }
    }

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
      const details = [
        ...[...c.repeated].map((host) => `lists host ${host} more than once`),
        ...[...c.lines].map(([host, others]) => `host ${host} is also defined by ${[...others].map((o) => otherObjectName(o, vs)).sort().join(', ')}`),
      ].join('; ');
      const allOthers = new Set<ObjectRecord>();
      c.lines.forEach((others) => others.forEach((o) => allOthers.add(o)));
      if (allOthers.size === 0) {
        report({
          object: vs,
          path: ['spec', 'hosts', c.firstHostIndex],
          message: `VirtualService ${qualifiedName(vs)} applies to the mesh and ${details}; Istio rejects the repeated host.`,
          fix: 'List each host once in spec.hosts.',
        });
        continue;
      }
      report({
        object: vs,
        path: ['spec', 'hosts', c.firstHostIndex],
        message:
          `VirtualService ${qualifiedName(vs)} applies to the mesh and ${details}. Sidecars do not merge VirtualServices for one host, ` +
          'so which routes apply is undefined.',
        fix:
          `Merge the routes of ${[qualifiedName(vs), ...[...allOthers].map((o) => otherObjectName(o, vs)).sort()].join(', ')} into one VirtualService per host, ` +
          'or limit them to different namespaces with exportTo.',
      });
    }
  },
};
