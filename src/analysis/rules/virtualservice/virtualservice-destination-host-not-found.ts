import { Severity } from '../../diagnostic';
import { isDecodable, unreadableTarget } from '../../facts/decodable';
import { destinationHost, roleName } from '../../facts/virtualservice-destinations';
import { MeshModel } from '../../model';
import { expandedServiceHost, serviceExists } from '../../resources/service-lookup';
import { describeRoute, destinationsOf, routeList } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

export const virtualServiceDestinationHostNotFound: Rule = {
  id: 'virtualservice-destination-host-not-found',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A VirtualService routes or mirrors to a host that no Service or ServiceEntry of the app declares, so Envoy has no cluster to send it to (a warning for hosts outside the cluster).',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'istioctl\'s DestinationHostAnalyzer, ReferencedResourceNotFound part (IST0101): a route or\n' +
    'mirror destination host that no Service or ServiceEntry declares. istioctl skips this analyzer on\n' +
    'local files; lint reports it as an error only when the analysed manifests hold Services of the host\'s\n' +
    'namespace (so they claim to be its whole set), and as a warning otherwise. A host declared only by\n' +
    'ServiceEntries Istio cannot decode (a field of the wrong JSON type, an unknown enum name...) is\n' +
    'missing too, as istioctl and the API server drop them; the message says the entry is present but unreadable.',
  fields: 'route[].destination.host, mirror(s)',
  fix: 'Route to an existing Service (name.namespace.svc.cluster.local) or declare the external host with a ServiceEntry.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const host = destinationHost(ref);
        if (!host) continue;
        const fqdn = model.fqdn(host, vs.namespace);
        const verdict = serviceExists(model, fqdn);
        // A host declared only by ServiceEntries Istio cannot decode is missing: istioctl and the
        // API server drop those entries. The entry is in the files, so this is certain.
        const entries = verdict === 'found' && !model.serviceForHost(fqdn) ? model.serviceEntriesForHost(fqdn) : [];
        if (entries.length > 0 && entries.every((se) => !isDecodable(model, se))) {
          report({
            object: vs,
            path: [...ref.path, 'host'],
            message:
              `${describeRoute(routeList(vs, ref.kind)[ref.routeIndex], ref.routeIndex)} (${ref.kind}) ${roleName(ref)} host "${host}"` +
              `${fqdn !== host ? ` (${fqdn})` : ''} is declared only by ServiceEntry ${entries.map(qualifiedName).join(', ')}, but ` +
              `${entries.map((se) => unreadableTarget(model, se)).join('; ')}.`,
            fix: `Fix ServiceEntry ${entries.map(qualifiedName).join(', ')} (its own schema errors say how) so Istio can read it; the host is right.`,
          });
          continue;
        }
        if (verdict !== 'missing') continue;
        const meant = expandedServiceHost(model, host);
        const local = fqdn.endsWith(`.svc.${model.clusterDomain}`) || meant !== undefined;
        // With no Service of that namespace in the input, the Services are deployed from elsewhere
        // (istioctl skips this analyzer on local files); certain only when the input has the namespace's Services.
        const namespaceOfHost = fqdn.split('.')[1] ?? '';
        const servicesElsewhere = local && meant === undefined && model.servicesIn(namespaceOfHost).length === 0;
        report({
          object: vs,
          // istioctl says error; a ServiceEntry for an external host may live outside the analysed manifests.
          ...(local && !servicesElsewhere ? {} : { severity: Severity.WARNING }),
          path: [...ref.path, 'host'],
          message:
            `${describeRoute(routeList(vs, ref.kind)[ref.routeIndex], ref.routeIndex)} (${ref.kind}) ${roleName(ref)} host "${host}"` +
            `${fqdn !== host ? ` (${fqdn})` : ''} is not declared by any Service or ServiceEntry of the analysed manifests.` +
            `${meant ? ' Istio does not expand "name.namespace" hosts.' : ''}` +
            `${local ? '' : ' (istioctl reports this as an error; it is a warning here since the ServiceEntry may be defined outside these manifests.)'}` +
            `${servicesElsewhere ? ` No Service of namespace ${namespaceOfHost} is among them, so they may be deployed from other manifests.` : ''}`,
          fix: meant
            ? `Write "${meant}".`
            : local
              ? 'Use the name of an existing Service (name.namespace.svc.cluster.local), or create the Service.'
              : 'Declare the external host with a ServiceEntry, or fix the host name.',
        });
      }
    }
  },
};
