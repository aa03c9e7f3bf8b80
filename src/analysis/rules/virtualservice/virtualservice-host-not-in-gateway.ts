import { Severity } from '../../diagnostic';
import { unreadableTarget } from '../../facts/decodable';
import { offeredHosts } from '../../facts/gateway-hosts';
import { INTERNAL_GATEWAY_MARKERS } from '../../facts/virtualservice-destinations';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { resolveGatewayRef } from '../../resources/gateway-refs';
import { gatewaysOf, hostsOf, MESH_GATEWAY } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { listSome } from '../../text';
import { hostsOverlap } from '../../validators/hosts';


export const virtualServiceHostNotInGateway: Rule = {
  id: 'virtualservice-host-not-in-gateway',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0132',
  summary: 'A VirtualService is bound to a Gateway that serves none of its hosts (or, bound only to gateways, has a host none of them serves), so those routes are never used.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message VirtualServiceHostNotFoundInGateway (IST0132)',
  docs: 'A VirtualService is bound to a Gateway that serves none of its hosts (or, bound only to gateways, has a host none of them serves), so those routes are never used.\n' +
    'istioctl analyze reports the same check as IST0132 (VirtualServiceHostNotFoundInGateway). Like istioctl, a Gateway in\n' +
    '`spec.gateways` that does not exist serves none of the hosts either, so it is reported here too (next to\n' +
    'virtualservice-gateway-not-found, IST0101), and so is a Gateway Istio cannot decode (istioctl drops it),\n' +
    'and a VirtualService with gateways but no hosts.',
  fields: 'spec.hosts, spec.gateways',
  fix: 'Add the host to a server of the Gateway, or bind the VirtualService to the Gateway that serves it.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      const hosts = hostsOf(vs);
      const names = (h: string) => [h, model.fqdn(h, vs.namespace)];
      const refs = gatewaysOf(vs);
      const bound: Array<{ offered: string[] }> = [];
      const hostList = hosts.length > 0 ? `the hosts of this VirtualService (${listSome(hosts.map((h) => `"${h.host}"`), 3)})` : 'the hosts of this VirtualService';
      refs.forEach((ref, i) => {
        // Gateways Istio generates for Gateway API gateways are virtualservice-internal-gateway-reference's (IST0165).
        if (ref === MESH_GATEWAY || INTERNAL_GATEWAY_MARKERS.some((m) => ref.includes(m))) return;
        const { namespace, name } = resolveGatewayRef(ref, vs.namespace);
        const found = ref === '' ? undefined : model.find(NETWORKING_GROUP, 'Gateway', namespace, name);
        // istioctl drops a Gateway it cannot decode: it then serves no host, as a missing one.
        const unreadable = found && unreadableTarget(model, found);
        const gw = unreadable === undefined ? found : undefined;
        if (!gw) {
          const missing = ref === '' ? 'An empty gateway name binds to no Gateway'
            : unreadable !== undefined ? `${unreadable} (see virtualservice-gateway-not-found)`
              : `Gateway ${namespace}/${name} is not among the analysed manifests (see virtualservice-gateway-not-found)`;
          report({
            object: vs,
            path: ['spec', 'gateways', i],
            message: `${missing}, ` +
              `so it serves none of ${hostList}; the routes bound to it are never used.`,
            fix: unreadable !== undefined
              ? `Fix Gateway ${namespace}/${name} (its own schema errors say how) so Istio can read it.`
              : `Define Gateway ${namespace}/${name} with a server for ${hosts.length > 0 ? `"${hosts[0].host}"` : 'the VirtualService\'s hosts'}, or bind the VirtualService to a Gateway that exists.`,
          });
          return;
        }
        if (hosts.length === 0) {
          report({
            object: vs,
            path: ['spec', 'gateways', i],
            message: `This VirtualService is bound to Gateway ${namespace}/${name} but lists no hosts, so the Gateway serves none of its routes.`,
            fix: 'Add the hosts the Gateway should route (spec.hosts), or remove the gateway binding from a delegate VirtualService.',
          });
          return;
        }
        const { visible, hidden } = offeredHosts(model, gw, vs.namespace);
        bound.push({ offered: visible });
        const served = hosts.some(({ host }) => visible.some((g) => names(host).some((n) => hostsOverlap(g, n))));
        if (served) return;
        const elsewhere = hidden.filter((x) => hosts.some(({ host }) => names(host).some((n) => hostsOverlap(x.host, n))));
        const why = elsewhere.length > 0
          ? ` It does list ${listSome(elsewhere.map((x) => `"${x.namespace}/${x.host}"`), 3)}, but that namespace prefix offers the host only to VirtualServices in ${[...new Set(elsewhere.map((x) => x.namespace))].join(', ')}, not ${vs.namespace}.`
          : '';
        report({
          object: vs,
          path: ['spec', 'gateways', i],
          message:
            `None of the hosts of this VirtualService (${listSome(hosts.map((h) => `"${h.host}"`), 3)}) is served by Gateway ${namespace}/${name}, ` +
            `whose servers accept ${visible.length > 0 ? listSome(visible.map((h) => `"${h}"`), 4) : 'no host for this namespace'}; its routes never reach that gateway.${why}`,
          fix: elsewhere.length > 0
            ? `Change the Gateway host to "*/${elsewhere[0].host}" or "${vs.namespace}/${elsewhere[0].host}", or move the VirtualService to namespace ${elsewhere[0].namespace}.`
            : `Add the VirtualService's host to a server of Gateway ${namespace}/${name} (hosts: ["${hosts[0].host}"]), or use a host that the Gateway serves.`,
        });
      });
      // Bound only to gateways: a host no gateway serves is dead while the others work.
      if (bound.length === 0 || refs.length === 0 || refs.includes(MESH_GATEWAY)) continue;
      const servedBy = (host: string) => bound.some((b) => b.offered.some((g) => names(host).some((n) => hostsOverlap(g, n))));
      if (!hosts.some(({ host }) => servedBy(host))) continue; // already reported per gateway
      for (const { host, index } of hosts) {
        if (servedBy(host)) continue;
        report({
          object: vs,
          path: ['spec', 'hosts', index],
          message: `Host "${host}" is served by none of the Gateways this VirtualService is bound to (${refs.join(', ')}), and the VirtualService is not bound to the mesh, so its routes for "${host}" are never used.`,
          fix: `Add "${host}" to a server of one of those Gateways, add "mesh" to spec.gateways if sidecars should use these routes, or remove the host.`,
        });
      }
    }
  },
};
