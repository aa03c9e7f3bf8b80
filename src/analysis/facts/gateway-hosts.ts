/**
 * istioctl's VirtualServiceHostNotFoundInGateway (IST0132): a VirtualService bound to a Gateway
 * none of whose servers accepts any of the VirtualService's hosts, so its routes never reach
 * that gateway. Also reports, for a VirtualService bound only to gateways, a host that none of
 * them serves (the routes for that host are dead).
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { arrayOf } from '../resources/virtualservice';

/**
 * The hosts a Gateway offers to VirtualServices of `vsNamespace`, as Istio reads server hosts:
 * `./h` is the Gateway's namespace, `*\/h` any namespace, `ns/h` only `ns`, a bare host any
 * namespace; `*\/*` means every host. Hidden hosts (another namespace) are returned apart.
 */
interface Offered {
  readonly visible: string[];
  readonly hidden: Array<{ host: string; namespace: string }>;
}

const offeredCache = new WeakMap<ObjectRecord, Map<string, Offered>>();

export function offeredHosts(gw: ObjectRecord, vsNamespace: string): Offered {
  const perNamespace = offeredCache.get(gw) ?? new Map<string, Offered>();
  offeredCache.set(gw, perNamespace);
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
