import { Severity } from '../../diagnostic';
import { portLabel, undeclaredPorts } from '../../facts/service-port-protocol';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const serviceExternalNamePortName: Rule = {
  id: 'service-externalname-port-name',
  kinds: ['Service'],
  severity: Severity.WARNING,
  istioCode: 'IST0150',
  summary: 'An ExternalName Service port is named "tcp" or declares no protocol Istio reads, so the proxy may not forward its TCP traffic correctly.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ExternalNameServiceTypeInvalidPortName (IST0150)',
  docs: 'An ExternalName Service port is named "tcp" or declares no protocol Istio reads, so the proxy may not forward its TCP traffic correctly.\n' +
    'istioctl analyze reports the same check as IST0150 (ExternalNameServiceTypeInvalidPortName).',
  fields: 'spec.ports[].name',
  fix: 'Name the port <protocol>-suffix (tcp-db), or set appProtocol.',
  check(model: MeshModel, report: Report): void {
    for (const f of undeclaredPorts(model)) {
      if (!f.externalName) continue;
      report({
        object: f.service,
        path: ['spec', 'ports', f.index],
        message:
          `ExternalName Service ${f.service.namespace}/${f.service.name} ${portLabel(f.port)} is ${f.port.name === 'tcp' ? 'named "tcp"' : `declared by ${f.source}`}; ` +
          'for an ExternalName service the proxy may not forward TCP-named or unmatched TCP traffic to the external name correctly.',
        fix: 'Declare the real protocol (e.g. name https-api or http-api, or appProtocol https), or model the external host with a ServiceEntry instead.',
      });
    }
  },
};
