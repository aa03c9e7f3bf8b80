/**
 * ServiceEntries that do not work together, or need an address: istioctl's
 * ConflictingServiceEntryProtocol (IST0177) and ServiceEntryAddressesRequired (IST0134), and our
 * check of how a proxy resolves several definitions of one host name (pilot's
 * `appendSidecarServices`: a Kubernetes Service wins, the oldest ServiceEntry wins, a newer one is
 * merged only when namespace, resolution, labels, workloadSelector and exportTo are equal).
 */
import { proxyMetadataOf } from './mesh-config';
import { listSome, memoize } from './problems';
import { resolutionOf, serviceEntryHosts } from './serviceentry-webhook';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf, qualifiedName } from '../virtualservice-routes';

/** The namespaces a ServiceEntry is visible in: `all`, or a set (`~` gives an empty set). */
export const serviceEntryScopes = memoize((se: ObjectRecord): { all: boolean; namespaces: Set<string> } => {
  const exportTo = arrayOf(isPlainObject(se.spec) ? se.spec.exportTo : undefined).filter((e): e is string => typeof e === 'string');
  if (exportTo.length === 0 || exportTo.includes('*')) return { all: true, namespaces: new Set() };
  const namespaces = new Set<string>();
  for (const e of exportTo) {
    if (e === '.') namespaces.add(se.namespace);
    else if (e !== '~') namespaces.add(e);
  }
  return { all: false, namespaces };
});

/** Whether some namespace sees both ServiceEntries. */
function shareScope(a: ObjectRecord, b: ObjectRecord): boolean {
  const sa = serviceEntryScopes(a);
  const sb = serviceEntryScopes(b);
  if (sa.all) return sb.all || sb.namespaces.size > 0;
  if (sb.all) return sa.namespaces.size > 0;
  return [...sa.namespaces].some((ns) => sb.namespaces.has(ns));
}

interface PortDecl {
  readonly index: number;
  readonly number: number;
  readonly name: string;
  readonly protocol: string;
}

function portsOf(se: ObjectRecord): PortDecl[] {
  const out: PortDecl[] = [];
  arrayOf(isPlainObject(se.spec) ? se.spec.ports : undefined).forEach((p, index) => {
    if (isPlainObject(p) && typeof p.number === 'number') {
      out.push({ index, number: p.number, name: typeof p.name === 'string' ? p.name : '', protocol: typeof p.protocol === 'string' ? p.protocol : '' });
    }
  });
  return out;
}

/** istioctl's scope keys: `*` for every namespace, else the namespaces of exportTo (`.` is the own one, `~` kept as is). */
function scopeKeys(se: ObjectRecord): string[] {
  const exportTo = arrayOf(isPlainObject(se.spec) ? se.spec.exportTo : undefined).filter((e): e is string => typeof e === 'string');
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((e) => (e === '.' ? se.namespace : e)))];
}

export const serviceEntryConflictingProtocols: Rule = {
  id: 'serviceentry-conflicting-protocols',
  severity: Severity.WARNING,
  istioCode: 'IST0177',
  summary: 'Several ServiceEntries visible in the same namespace define the same host and port with different protocols.',
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

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function exportKey(se: ObjectRecord): string {
  return arrayOf(isPlainObject(se.spec) ? se.spec.exportTo : undefined).map(String).sort().join(',');
}

function selectorOf(se: ObjectRecord): Record<string, string> {
  const ws = isPlainObject(se.spec) ? se.spec.workloadSelector : undefined;
  return isPlainObject(ws) ? stringMap(ws.labels) : {};
}

/** Why pilot will not merge `later` into `first` (same namespace, resolution, labels, selector, exportTo), or undefined. */
function mergeBlocker(first: ObjectRecord, later: ObjectRecord): string | undefined {
  if (first.namespace !== later.namespace) return `they live in different namespaces (${first.namespace}, ${later.namespace})`;
  if (resolutionOf(first) !== resolutionOf(later)) return `their resolutions differ (${resolutionOf(first)}, ${resolutionOf(later)})`;
  if (!sameMap(first.labels, later.labels)) return 'their metadata labels differ';
  if (!sameMap(selectorOf(first), selectorOf(later))) return 'their workloadSelectors differ';
  if (exportKey(first) !== exportKey(later)) return 'their exportTo lists differ';
  return undefined;
}

function portsEqual(a: PortDecl[], b: PortDecl[]): boolean {
  const key = (ports: PortDecl[]) => ports.map((p) => `${p.number}/${p.name}/${p.protocol.toUpperCase()}`).sort().join(',');
  return key(a) === key(b);
}

export const serviceEntryConflictingHosts: Rule = {
  id: 'serviceentry-conflicting-hosts',
  severity: Severity.WARNING,
  summary: 'A ServiceEntry host is also a Kubernetes Service, or is declared by an older ServiceEntry Istio will not merge it with, so part of this definition is ignored.',
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

export const serviceEntryAddressesRequired: Rule = {
  id: 'serviceentry-addresses-required',
  severity: Severity.WARNING,
  istioCode: 'IST0134',
  summary: 'A ServiceEntry without addresses has a TCP (or protocol-less) port, which the proxy can only match by destination IP, unless DNS auto-allocation is on.',
  check(model: MeshModel, report: Report): void {
    const entries = model.serviceEntries();
    if (entries.length === 0) return;
    const md = proxyMetadataOf(model);
    const autoAllocated = md.ISTIO_META_DNS_CAPTURE === 'true' && (md.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || md.PILOT_ENABLE_IP_AUTOALLOCATE === 'true');
    if (autoAllocated) return;
    for (const se of entries) {
      if (!isPlainObject(se.spec) || arrayOf(se.spec.addresses).length > 0) continue;
      const status = isPlainObject(se.source.manifest) ? se.source.manifest.status : undefined;
      if (isPlainObject(status) && arrayOf(status.addresses).length > 0) continue;
      for (const p of portsOf(se)) {
        if (p.protocol !== '' && p.protocol.toUpperCase() !== 'TCP') continue;
        report({
          object: se,
          path: ['spec', 'ports', p.index],
          message:
            `Port ${p.number} is ${p.protocol === '' ? 'without protocol' : 'TCP'} and the ServiceEntry has no addresses: plain TCP carries no host name, so the proxy can only tell this service's ` +
            `connections apart by destination IP, and with no address every TCP connection on port ${p.number} may be taken for it (or none).`,
          fix:
            'Add addresses (the virtual IP or CIDR the clients connect to), declare the real protocol (HTTP, TLS/HTTPS carry the host name), ' +
            'or enable DNS proxying with address auto-allocation (proxyMetadata ISTIO_META_DNS_CAPTURE and ISTIO_META_DNS_AUTO_ALLOCATE).',
        });
      }
    }
  },
};
