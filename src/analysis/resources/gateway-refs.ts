export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A gateway reference resolved to namespace and name. */
export interface GatewayRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Resolves a VirtualService `gateways` entry the way Istio binds it: `ns/name`, `./name` (the
 * VirtualService's namespace), the legacy `name.ns.svc.cluster.local` form, or a short name in the
 * VirtualService's namespace.
 */
export function resolveGatewayRef(ref: string, vsNamespace: string): GatewayRef {
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const ns = ref.slice(0, slash);
    return { namespace: ns === '.' ? vsNamespace : ns, name: ref.slice(slash + 1) };
  }
  const dot = ref.indexOf('.');
  if (dot >= 0) {
    const rest = ref.slice(dot + 1);
    const nextDot = rest.indexOf('.');
    return { namespace: nextDot >= 0 ? rest.slice(0, nextDot) : rest, name: ref.slice(0, dot) };
  }
  return { namespace: vsNamespace, name: ref };
}

export function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
