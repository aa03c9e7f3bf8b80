import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { isIpAddress } from '../validators/ip';

/** What the analysed manifests say about a host: it exists, it does not, or they cannot tell. */
export type HostVerdict = 'found' | 'missing' | 'unknown';

/** `name` and `namespace` of a cluster-local FQDN (`name.ns.svc.<domain>`), else undefined. */
export function clusterLocalParts(model: MeshModel, fqdn: string): { name: string; namespace: string } | undefined {
  const suffix = `.svc.${model.clusterDomain}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  return parts.length === 2 ? { name: parts[0], namespace: parts[1] } : undefined;
}

/**
 * Whether a Service or ServiceEntry of the analysed set declares `fqdn`. A cluster-local host is
 * only judged `missing` when its namespace has Services or workloads in the set (so the app
 * defines that namespace's services); a host outside the cluster domain is `missing` when no
 * ServiceEntry declares it.
 */
export function serviceExists(model: MeshModel, fqdn: string): HostVerdict {
  if (fqdn === '' || isIpAddress(fqdn)) return 'unknown';
  if (model.serviceForHost(fqdn) || model.serviceEntriesForHost(fqdn).length > 0) return 'found';
  const local = clusterLocalParts(model, fqdn);
  if (local) {
    return model.servicesIn(local.namespace).length > 0 || model.hasWorkloadsIn(local.namespace) ? 'missing' : 'unknown';
  }
  if (fqdn.endsWith(`.${model.clusterDomain}`)) return 'unknown';
  return 'missing';
}

/**
 * For a host written as `name.namespace` (which Istio does not expand), the cluster-local name
 * of an existing Service it probably meant.
 */
export function expandedServiceHost(model: MeshModel, host: string): string | undefined {
  const parts = host.split('.');
  if (parts.length !== 2) return undefined;
  const fqdn = `${parts[0]}.${parts[1]}.svc.${model.clusterDomain}`;
  return model.serviceForHost(fqdn) ? fqdn : undefined;
}

/**
 * The port numbers a destination host offers: the Service's `ports[].port`, or the ServiceEntry's
 * `ports[].number` (undefined when the host is not found or declares no ports).
 */
export function hostPorts(model: MeshModel, fqdn: string): { ports: number[]; owner: ObjectRecord } | undefined {
  const svc = model.serviceForHost(fqdn);
  const owner = svc ?? model.serviceEntriesForHost(fqdn)[0];
  if (!owner || !isPlainObject(owner.spec) || !Array.isArray(owner.spec.ports)) return undefined;
  const key = svc ? 'port' : 'number';
  const ports = owner.spec.ports
    .map((p: unknown) => (isPlainObject(p) && typeof p[key] === 'number' ? p[key] : undefined))
    .filter((p: number | undefined): p is number => p !== undefined);
  return { ports: [...new Set<number>(ports)], owner };
}
