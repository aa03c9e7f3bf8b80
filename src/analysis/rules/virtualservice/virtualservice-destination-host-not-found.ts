import { Severity } from '../../diagnostic';
import { destinationHost, roleName } from '../../facts/virtualservice-destinations';
import { MeshModel } from '../../model';
import { expandedServiceHost, serviceExists } from '../../resources/service-lookup';
import { describeRoute, destinationsOf, routeList } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

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
    'namespace (so they claim to be its whole set), and as a warning otherwise.',
  fields: 'route[].destination.host, mirror(s)',
  fix: 'Route to an existing Service (name.namespace.svc.cluster.local) or declare the external host with a ServiceEntry.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const host = destinationHost(ref);
        if (!host) continue;
        const fqdn = model.fqdn(host, vs.namespace);
        if (serviceExists(model, fqdn) !== 'missing') continue;
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
