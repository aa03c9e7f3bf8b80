import { Severity } from '../../diagnostic';
import { OutboundModes, visibility } from '../../facts/outbound-policy';
import { serviceEntryScopes } from '../../facts/serviceentry-scopes';
import { MeshModel } from '../../model';
import { destinationsOf, isBoundToMesh } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { listSome } from '../../text';
import { isIpAddress } from '../../validators/ip';


export const virtualServiceExternalHostBlocked: Rule = {
  id: 'virtualservice-external-host-blocked',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  summary: 'Under REGISTRY_ONLY outbound traffic (Sidecar or mesh config), a VirtualService routes to an external host that no ServiceEntry visible to the callers declares, so sidecars block it.',
  origin: 'envoy',
  docs: 'Under REGISTRY_ONLY outbound traffic (Sidecar or mesh config), a VirtualService routes to an external host that no ServiceEntry visible to the callers declares, so sidecars block it.' +
    '\n\nWhy an error: under REGISTRY_ONLY the callers\' sidecars send requests for an undeclared host to the BlackHole cluster, so every request routed there fails (502).',
  fields: 'route[].destination.host',
  fix: 'Declare the external host with a ServiceEntry visible to the callers, or switch their outbound policy to ALLOW_ANY.',
  check(model: MeshModel, report: Report): void {
    const modes = new OutboundModes(model);
    if (!modes.anyRegistryOnly()) return;
    const blocked = modes.blockedNamespaces();
    const clusterSuffix = `.${model.clusterDomain}`;
    const isExternal = (fqdn: string) => fqdn !== '' && fqdn !== '*' && !isIpAddress(fqdn) && !fqdn.endsWith(clusterSuffix) && !model.serviceForHost(fqdn);

    for (const vs of model.virtualServices()) {
      if (!isBoundToMesh(vs)) continue;
      const vis = visibility(vs);
      const callers = new Map<string, string>(vis.all ? blocked : [...blocked].filter(([ns]) => vis.namespaces.has(ns)));
      const own = modes.namespaceMode(vs.namespace);
      if (own.mode === 'REGISTRY_ONLY' && !callers.has(vs.namespace) && (vis.all || vis.namespaces.has(vs.namespace))) callers.set(vs.namespace, own.why);
      if (callers.size === 0) continue;

      const refs: Array<{ host: string; path: Array<string | number>; what: string }> = [];
      // Only where traffic goes matters: Istio gives sidecars a virtual host for every host of a
      // mesh-bound VirtualService, so a public host routed to an in-cluster service works under
      // REGISTRY_ONLY; a destination outside the registry is what the sidecar blocks.
      for (const d of destinationsOf(vs)) {
        if (typeof d.destination.host === 'string') refs.push({ host: d.destination.host, path: [...d.path, 'host'], what: `is a ${d.role === 'route' ? 'route' : 'mirror'} destination` });
      }
      const seen = new Set<string>();
      for (const { host, path, what } of refs) {
        const fqdn = model.fqdn(host, vs.namespace);
        if (!isExternal(fqdn) || seen.has(fqdn)) continue;
        seen.add(fqdn);
        const entries = model.serviceEntriesForHost(fqdn);
        if (entries.some((se) => serviceEntryScopes(se).all)) continue;
        const missing = [...callers].filter(([ns]) => !entries.some((se) => serviceEntryScopes(se).namespaces.has(ns)));
        if (missing.length === 0) continue;
        const hidden = entries.length > 0 ? ` (ServiceEntry ${entries.map((e) => `${e.namespace}/${e.name}`).join(', ')} declares it but is not exported to ${missing.length > 1 ? 'those namespaces' : 'that namespace'})` : '';
        report({
          object: vs,
          path,
          message:
            `"${host}" ${what} and is outside the cluster, but no ServiceEntry declares it${hidden}; outbound traffic is REGISTRY_ONLY for ` +
            `${listSome(missing.map(([ns, why]) => `namespace ${ns} (${why})`), 2)}, so sidecars there drop requests to it (BlackHoleCluster / 502).`,
          fix:
            `Add a ServiceEntry for "${host}" (hosts: ["${host}"], location: MESH_EXTERNAL, resolution: DNS, its ports) exported to ${missing.length > 1 ? 'those namespaces' : `namespace ${missing[0][0]}`}, ` +
            'or set outboundTrafficPolicy mode ALLOW_ANY where these calls come from.',
        });
      }
    }
  },
};
