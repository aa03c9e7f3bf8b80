/**
 * ServiceEntries that do not work together, or need an address: istioctl's
 * ConflictingServiceEntryProtocol (IST0177) and ServiceEntryAddressesRequired (IST0134), and our
 * check of how a proxy resolves several definitions of one host name (pilot's
 * `appendSidecarServices`: a Kubernetes Service wins, the oldest ServiceEntry wins, a newer one is
 * merged only when namespace, resolution, labels, workloadSelector and exportTo are equal).
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { workloadSelectorOf } from '../resources/selectors';
import { arrayOf } from '../resources/virtualservice';
import { memoize } from '../validation/category-rule';
import { resolutionOf } from '../validation/serviceentry';

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
export function shareScope(a: ObjectRecord, b: ObjectRecord): boolean {
  const sa = serviceEntryScopes(a);
  const sb = serviceEntryScopes(b);
  if (sa.all) return sb.all || sb.namespaces.size > 0;
  if (sb.all) return sa.namespaces.size > 0;
  return [...sa.namespaces].some((ns) => sb.namespaces.has(ns));
}

export interface PortDecl {
  readonly index: number;
  readonly number: number;
  readonly name: string;
  readonly protocol: string;
}

export function portsOf(se: ObjectRecord): PortDecl[] {
  const out: PortDecl[] = [];
  arrayOf(isPlainObject(se.spec) ? se.spec.ports : undefined).forEach((p, index) => {
    if (isPlainObject(p) && typeof p.number === 'number') {
      out.push({ index, number: p.number, name: typeof p.name === 'string' ? p.name : '', protocol: typeof p.protocol === 'string' ? p.protocol : '' });
    }
  });
  return out;
}

/** istioctl's scope keys: `*` for every namespace, else the namespaces of exportTo (`.` is the own one, `~` kept as is). */
export function scopeKeys(se: ObjectRecord): string[] {
  const exportTo = arrayOf(isPlainObject(se.spec) ? se.spec.exportTo : undefined).filter((e): e is string => typeof e === 'string');
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((e) => (e === '.' ? se.namespace : e)))];
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function exportKey(se: ObjectRecord): string {
  return arrayOf(isPlainObject(se.spec) ? se.spec.exportTo : undefined).map(String).sort().join(',');
}

/** Why pilot will not merge `later` into `first` (same namespace, resolution, labels, selector, exportTo), or undefined. */
export function mergeBlocker(first: ObjectRecord, later: ObjectRecord): string | undefined {
  if (first.namespace !== later.namespace) return `they live in different namespaces (${first.namespace}, ${later.namespace})`;
  if (resolutionOf(first) !== resolutionOf(later)) return `their resolutions differ (${resolutionOf(first)}, ${resolutionOf(later)})`;
  if (!sameMap(first.labels, later.labels)) return 'their metadata labels differ';
  if (!sameMap(workloadSelectorOf(first), workloadSelectorOf(later))) return 'their workloadSelectors differ';
  if (exportKey(first) !== exportKey(later)) return 'their exportTo lists differ';
  return undefined;
}

export function portsEqual(a: PortDecl[], b: PortDecl[]): boolean {
  const key = (ports: PortDecl[]) => ports.map((p) => `${p.number}/${p.name}/${p.protocol.toUpperCase()}`).sort().join(',');
  return key(a) === key(b);
}
