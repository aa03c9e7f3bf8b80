import { Severity } from '../../diagnostic';
import { boundGateways, destinationHost, qualifiedHosts } from '../../facts/virtualservice-destinations';
import { ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { describeRoute, destinationsOf, routeList } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

export const virtualServiceGatewayIgnoresSubsetRouting: Rule = {
  id: 'virtualservice-gateway-ignores-subset-routing',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0140',
  summary: 'A gateway VirtualService routes to a host without subset while a mesh VirtualService splits that host by subset; the split does not apply to ingress traffic.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message IngressRouteRulesNotAffected (IST0140)',
  docs: 'istioctl\'s IngressRouteRulesNotAffected (IST0140): a gateway VirtualService sends traffic to a\n' +
    'host without subset, while another VirtualService splits that host by subsets for the mesh.\n' +
    'Gateway proxies only apply the VirtualServices bound to their gateway, so the subset routing\n' +
    'never applies to ingress traffic. Unlike istioctl, a subset VirtualService that is itself bound\n' +
    'to the gateway is not reported (its routes do apply there).',
  fields: 'gateway route destination',
  fix: 'Route to the subsets in the gateway VirtualService too, or bind the subset VirtualService to the gateway.',
  check(model: MeshModel, report: Report): void {
    // Host → VirtualServices that route that host (one of their own hosts) to subsets.
    const subsetRouting = new Map<string, ObjectRecord[]>();
    for (const vs of model.virtualServices()) {
      const own = qualifiedHosts(model, vs);
      const seen = new Set<string>();
      for (const ref of destinationsOf(vs)) {
        if (ref.kind !== 'http' || ref.role !== 'route') continue;
        const host = destinationHost(ref);
        const subset = ref.destination.subset;
        if (!host || typeof subset !== 'string' || subset === '') continue;
        const fqdn = model.fqdn(host, vs.namespace);
        if (!own.has(fqdn) || seen.has(fqdn)) continue;
        seen.add(fqdn);
        const list = subsetRouting.get(fqdn) ?? [];
        list.push(vs);
        subsetRouting.set(fqdn, list);
      }
    }
    if (subsetRouting.size === 0) return;
    for (const vs of model.virtualServices()) {
      const gateways = boundGateways(vs);
      if (gateways.size === 0) continue;
      for (const ref of destinationsOf(vs)) {
        if (ref.kind !== 'http' || ref.role !== 'route') continue;
        const host = destinationHost(ref);
        if (!host || (typeof ref.destination.subset === 'string' && ref.destination.subset !== '')) continue;
        const fqdn = model.fqdn(host, vs.namespace);
        const others = (subsetRouting.get(fqdn) ?? []).filter((o) => ![...boundGateways(o)].some((g) => gateways.has(g)));
        if (others.length === 0) continue;
        report({
          object: vs,
          path: ref.path,
          message:
            `${describeRoute(routeList(vs, 'http')[ref.routeIndex], ref.routeIndex)} sends gateway traffic (${[...gateways].join(', ')}) to "${host}" ` +
            `without a subset, while VirtualService ${others.map(qualifiedName).join(', ')} routes that host by subsets for the mesh only. ` +
            'A gateway applies only the VirtualServices bound to it, so requests from the gateway reach every version of the service.',
          fix: 'Route to the subsets in this gateway VirtualService too, or bind the subset VirtualService to the gateway as well (gateways: [<gateway>, mesh]).',
        });
      }
    }
  },
};
