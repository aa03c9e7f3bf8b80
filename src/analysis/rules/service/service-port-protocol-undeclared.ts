import { Severity } from '../../diagnostic';
import { portLabel, suggestName, undeclaredPorts } from '../../facts/service-port-protocol';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const servicePortProtocolUndeclared: Rule = {
  id: 'service-port-protocol-undeclared',
  kinds: ['Service'],
  severity: Severity.INFO,
  istioCode: 'IST0118',
  summary: 'A Service port declares no protocol Istio reads (appProtocol, or a port name such as http-… or tcp-…), so Istio sniffs the protocol.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message PortNameIsNotUnderNamingConvention (IST0118)',
  docs: 'A Service port declares no protocol Istio reads (appProtocol, or a port name such as http-… or tcp-…), so Istio sniffs the protocol.\n' +
    'istioctl analyze reports the same check as IST0118 (PortNameIsNotUnderNamingConvention).',
  fields: 'spec.ports[].name, appProtocol',
  fix: 'Name the port <protocol>[-suffix] (http-web) or set appProtocol.',
  check(model: MeshModel, report: Report): void {
    for (const f of undeclaredPorts(model)) {
      if (f.externalName) continue;
      const what = f.source.startsWith('appProtocol') ? `${f.source} is not a protocol Istio knows` : `${f.source} starts with no protocol Istio knows`;
      report({
        object: f.service,
        path: ['spec', 'ports', f.index, f.source.startsWith('appProtocol') ? 'appProtocol' : 'name'],
        message:
          `Service ${f.service.namespace}/${f.service.name} ${portLabel(f.port)}: ${what}, so Istio detects the protocol from the first bytes of each connection ` +
          '(which adds latency, fails for server-first protocols such as MySQL, and may treat HTTP as opaque TCP).',
        fix:
          `Name the port ${suggestName(f.port)}, or set appProtocol to http, http2, grpc, grpc-web, https, tcp, tls, mongo, mysql, redis or kubernetes.io/h2c.`,
      });
    }
  },
};
