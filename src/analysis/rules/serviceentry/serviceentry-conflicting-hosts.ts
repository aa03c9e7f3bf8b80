import { Severity } from '../../diagnostic';
import { mergeBlocker, portsEqual, portsOf, shareScope } from '../../facts/serviceentry-scopes';
import { isPlainObject, ObjectRecord } from '../../manifest';

import { MeshModel } from '../../model';

import { Report, Rule } from '../../rule';
import { listSome, qualifiedName } from '../../text';
import { resolutionOf, serviceEntryHosts } from '../../validation/serviceentry';

export const serviceEntryConflictingHosts: Rule = {
  id: 'serviceentry-conflicting-hosts',
  kinds: ['ServiceEntry'],
  severity: Severity.WARNING,
  summary: 'A ServiceEntry host is also a Kubernetes Service, or is declared by an older ServiceEntry Istio will not merge it with, so part of this definition is ignored.',
  origin: 'app',
  docs: 'A ServiceEntry host is also a Kubernetes Service, or is declared by an older ServiceEntry Istio will not merge it with, so part of this definition is ignored.',
  fields: 'spec.hosts',
  fix: 'Define the host once (a Service or one ServiceEntry).',
  check(model: MeshModel, report: Report): void {
    const byHost = new Map<string, Array<{ se: ObjectRecord; index: number }>>();
    for (const se of model.serviceEntries()) {
      for (const { host, index } of serviceEntryHosts(se)) {
        const fqdn = model.fqdn(host, se.namespace);
        const svc = model.serviceForHost(fqdn);
        if (svc) {
          report({
            object: se,
            path: ['spec', 'hosts', index],
            message: `Host "${host}" is the name of Kubernetes Service ${qualifiedName(svc)}; Istio always prefers the Kubernetes Service and ignores this ServiceEntry's definition of the host.`,
            fix: `Configure Service ${qualifiedName(svc)} directly (ports, DestinationRule), or use a host name of your own for the ServiceEntry.`,
          });
          continue;
        }
        const list = byHost.get(fqdn) ?? [];
        list.push({ se, index });
        byHost.set(fqdn, list);
      }
    }
    for (const [host, list] of byHost) {
      if (list.length < 2) continue;
      // Input order stands for creation order: the first one is the one Istio keeps.
      list.forEach(({ se: later, index }, i) => {
        if (i === 0) return;
        const first = list.slice(0, i).find(({ se }) => se !== later && shareScope(se, later))?.se;
        if (!first) return;
        const ports = portsOf(later);
        const firstPorts = portsOf(first);
        if (portsEqual(ports, firstPorts)) {
          const field = (o: ObjectRecord, f: string) => JSON.stringify(isPlainObject(o.spec) ? o.spec[f] ?? null : null);
          const differs = resolutionOf(first) !== resolutionOf(later) || ['endpoints', 'addresses', 'location'].some((f) => field(first, f) !== field(later, f));
          if (!differs) return;
          report({
            object: later,
            path: ['spec', 'hosts', index],
            message: `ServiceEntry ${qualifiedName(first)} already defines host "${host}" with the same ports; a proxy that sees both keeps the one it reads first (the oldest) and ignores the other, so this one's resolution, addresses or endpoints may never apply.`,
            fix: `Keep one ServiceEntry for "${host}": merge the two, or delete one.`,
          });
          return;
        }
        const blocker = mergeBlocker(first, later);
        if (!blocker) return; // pilot merges the ports
        const lost = ports.filter((p) => !firstPorts.some((f) => f.number === p.number)).map((p) => p.number);
        report({
          object: later,
          path: ['spec', 'hosts', index],
          message:
            `ServiceEntry ${qualifiedName(first)} also defines host "${host}", and Istio cannot merge the two because ${blocker}: a proxy that sees both keeps the one it reads first (the oldest) ` +
            `and drops the other${lost.length > 0 ? `, so port${lost.length > 1 ? 's' : ''} ${listSome(lost.map(String), 4)} of this one can be unreachable` : ''}.`,
          fix: `Declare all ports of "${host}" in one ServiceEntry, or give both the same namespace, resolution, labels, workloadSelector and exportTo so Istio merges them.`,
        });
      });
    }
  },
};
