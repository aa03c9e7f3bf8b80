import { Severity } from '../../diagnostic';
import { PortDecl, portsOf, scopeKeys } from '../../facts/serviceentry-scopes';
import { ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

import { serviceEntryHosts } from '../../validation/serviceentry';

export const serviceEntryConflictingProtocols: Rule = {
  id: 'serviceentry-conflicting-protocols',
  kinds: ['ServiceEntry'],
  severity: Severity.WARNING,
  istioCode: 'IST0177',
  summary: 'Several ServiceEntries visible in the same namespace define the same host and port with different protocols.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message (conflicting ServiceEntry protocols) (IST0177)',
  docs: 'Several ServiceEntries visible in the same namespace define the same host and port with different protocols.\n' +
    'istioctl analyze reports the same check as IST0177 ((conflicting ServiceEntry protocols)).',
  fields: 'spec.ports[]',
  fix: 'Use one protocol for a host and port across ServiceEntries.',
  check(model: MeshModel, report: Report): void {
    const entries = model.serviceEntries();
    if (entries.length < 2) return;
    const index = new Map<string, Array<{ se: ObjectRecord; port: PortDecl }>>();
    const key = (scope: string, host: string, port: number) => `${scope}\u0000${host}\u0000${port}`;
    for (const se of entries) {
      for (const scope of scopeKeys(se)) {
        for (const { host } of serviceEntryHosts(se)) {
          for (const port of portsOf(se)) {
            const k = key(scope, host, port.number);
            const list = index.get(k) ?? [];
            list.push({ se, port });
            index.set(k, list);
          }
        }
      }
    }
    const reported = new Set<ObjectRecord>();
    for (const [k, own] of index) {
      const [scope, host, port] = k.split('\u0000');
      const all = scope === '*' ? own : [...own, ...(index.get(key('*', host, Number(port))) ?? [])];
      const protocols = [...new Set(all.map((e) => e.port.protocol.toUpperCase()))].sort();
      if (protocols.length < 2) continue;
      const names = [...new Set(all.map((e) => qualifiedName(e.se)))].sort();
      for (const { se, port: decl } of all) {
        if (reported.has(se)) continue;
        reported.add(se);
        report({
          object: se,
          path: ['spec', 'ports', decl.index, 'protocol'],
          message:
            `ServiceEntries ${names.join(', ')} all define host "${host}" port ${port}, with protocols ${protocols.map((p) => (p === '' ? '(unset)' : p)).join(', ')}; ` +
            'a proxy builds one listener per port and can apply only one of them, so the others\' traffic is handled with the wrong protocol.',
          fix: 'Declare the same protocol for this host and port in every ServiceEntry, or keep a single ServiceEntry for the host.',
        });
      }
    }
  },
};
