/**
 * istioctl's VirtualServiceHostNotFoundInGateway (IST0132): a VirtualService bound to a Gateway
 * none of whose servers accepts any of the VirtualService's hosts, so its routes never reach
 * that gateway. Also reports, for a VirtualService bound only to gateways, a host that none of
 * them serves (the routes for that host are dead).
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { arrayOf } from '../resources/virtualservice';

/** Hosts a Gateway offers to the VirtualServices of one namespace. */
interface Offered {
  readonly visible: string[];
  readonly hidden: Array<{ host: string; namespace: string }>;
}

/**
 * The hosts a Gateway offers to VirtualServices of `vsNamespace`, as Istio reads server hosts:
 * `./h` is the Gateway's namespace, `*\/h` any namespace, `ns/h` only `ns`, a bare host any
 * namespace; `*\/*` means every host. Hidden hosts (another namespace) are returned apart.
 * Read once per gateway and namespace for the whole model.
 */
export function offeredHosts(model: MeshModel, gw: ObjectRecord, vsNamespace: string): Offered {
  const byGateway = model.memo('offeredHosts', () => new Map<ObjectRecord, Map<string, Offered>>());
  const perNamespace = byGateway.get(gw) ?? new Map<string, Offered>();
  byGateway.set(gw, perNamespace);
  let offered = perNamespace.get(vsNamespace);
  if (!offered) {
    offered = readOfferedHosts(gw, vsNamespace);
    perNamespace.set(vsNamespace, offered);
  }
  return offered;
}

function readOfferedHosts(gw: ObjectRecord, vsNamespace: string): Offered {
  const visible: string[] = [];
  const hidden: Array<{ host: string; namespace: string }> = [];
  const servers = arrayOf(isPlainObject(gw.spec) ? gw.spec.servers : undefined);
  for (const server of servers) {
    if (!isPlainObject(server)) continue;
    for (const h of arrayOf(server.hosts)) {
      if (typeof h !== 'string') continue;
      const slash = h.indexOf('/');
      if (slash < 0) {
        visible.push(h);
        continue;
      }
      const ns = h.slice(0, slash) === '.' ? gw.namespace : h.slice(0, slash);
      const name = h.slice(slash + 1);
      if (ns === '*' || ns === vsNamespace) visible.push(name);
      else hidden.push({ host: name, namespace: ns });
    }
  }
  return { visible, hidden };
}
