import { Severity } from '../../diagnostic';
import { destinationHost, destinationPort, roleName } from '../../facts/virtualservice-destinations';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { hostPorts } from '../../resources/service-lookup';
import { describeRoute, destinationsOf, routeList } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

export const virtualServiceDestinationPortNotFound: Rule = {
  id: 'virtualservice-destination-port-not-found',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A VirtualService destination port is not a port of its Service or ServiceEntry.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'istioctl\'s DestinationHostAnalyzer, `host:port` part (IST0101): the port is not one of the host\'s.\n' +
    'Where several ServiceEntries declare the host, istioctl checks against one of them (the last it reads), so a port\n' +
    'any of them declares is accepted.',
  fields: 'route[].destination.port.number',
  fix: 'Use a port of the Service (the service port, not the container port).',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const host = destinationHost(ref);
        const port = destinationPort(ref);
        if (!host || port === undefined) continue;
        const found = hostPorts(model, model.fqdn(host, vs.namespace));
        if (!found || found.ports.length === 0 || found.ports.includes(port)) continue;
        if (found.owner.kind === 'ServiceEntry' && serviceEntryPorts(model, model.fqdn(host, vs.namespace)).has(port)) continue;
        report({
          object: vs,
          path: [...ref.path, 'port', 'number'],
          message:
            `${describeRoute(routeList(vs, ref.kind)[ref.routeIndex], ref.routeIndex)} (${ref.kind}) ${roleName(ref)} "${host}" uses port ${port}, ` +
            `which ${found.owner.kind} ${qualifiedName(found.owner)} does not expose (its ports: ${found.ports.join(', ')}).`,
          fix: `Use one of the ports ${found.ports.join(', ')} (the Service port, not the container port).`,
        });
      }
    }
  },
};

/** Every port number the ServiceEntries declaring `fqdn` declare. */
function serviceEntryPorts(model: MeshModel, fqdn: string): Set<number> {
  const ports = new Set<number>();
  for (const se of model.serviceEntriesForHost(fqdn)) {
    if (!isPlainObject(se.spec) || !Array.isArray(se.spec.ports)) continue;
    for (const p of se.spec.ports) if (isPlainObject(p) && typeof p.number === 'number') ports.add(p.number);
  }
  return ports;
}
