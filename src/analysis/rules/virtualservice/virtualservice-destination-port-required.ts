import { Severity } from '../../diagnostic';
import { destinationHost, destinationPort, roleName } from '../../facts/virtualservice-destinations';
import { MeshModel } from '../../model';
import { hostPorts } from '../../resources/service-lookup';
import { describeRoute, destinationsOf, routeList } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

export const virtualServiceDestinationPortRequired: Rule = {
  id: 'virtualservice-destination-port-required',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0112',
  summary: 'A VirtualService destination has no port, but its Service or ServiceEntry exposes several ports, so the port must be chosen.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message VirtualServiceDestinationPortSelectorRequired (IST0112)',
  docs: 'istioctl\'s VirtualServiceDestinationPortSelectorRequired (IST0112): a destination without\n' +
    '`port` to a Service or ServiceEntry that has several ports.',
  fields: 'route[].destination.port',
  fix: 'Add port.number: the Service has several ports.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const host = destinationHost(ref);
        if (!host || destinationPort(ref) !== undefined) continue;
        const found = hostPorts(model, model.fqdn(host, vs.namespace));
        if (!found || found.ports.length < 2) continue;
        report({
          object: vs,
          path: ref.path,
          message:
            `${describeRoute(routeList(vs, ref.kind)[ref.routeIndex], ref.routeIndex)} (${ref.kind}) ${roleName(ref)} "${host}" names no port, ` +
            `but ${found.owner.kind} ${qualifiedName(found.owner)} exposes ports ${found.ports.join(', ')}.`,
          fix: `Add port: { number: <one of ${found.ports.join(', ')}> } to the destination.`,
        });
      }
    }
  },
};
