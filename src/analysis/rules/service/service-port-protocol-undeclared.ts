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
    'istioctl analyze reports the same check as IST0118 (PortNameIsNotUnderNamingConvention).\n' +
    'Why information, not a warning: a sidecar does not treat such a port as opaque TCP. Istio\'s protocol\n' +
    'selection sniffs each connection and recognises HTTP/1.1 and HTTP/2, so HTTP routes, retries and\n' +
    'HTTP authorization still apply to HTTP traffic; only what it cannot recognise (server-first\n' +
    'protocols such as MySQL, or anything not HTTP) is handled as TCP. Traffic does not certainly\n' +
    'fail, and istioctl reports IST0118 as Info, so the finding stays information. Where an HTTP-only\n' +
    'feature meets a port that is certainly not HTTP, other rules warn (e.g.\n' +
    '`authorizationpolicy-http-field-on-tcp-port`), and the constructs never write an HTTP name or\n' +
    'appProtocol for a port whose protocol they cannot know.',
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
