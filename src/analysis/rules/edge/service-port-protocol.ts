/**
 * istioctl's `service.PortNameAnalyzer`: a Service port whose protocol Istio cannot read from
 * `appProtocol` or the port name, so it sniffs the protocol (PortNameIsNotUnderNamingConvention,
 * IST0118, info), and the ExternalName variant (ExternalNameServiceTypeInvalidPortName, IST0150,
 * warning). Same skips as istioctl: system namespaces and Services of the Istio control plane.
 */
import { SYSTEM_NAMESPACES } from './enrollment';
import { servicePortProtocol } from './protocols';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf } from '../virtualservice-routes';

interface PortFinding {
  readonly service: ObjectRecord;
  readonly index: number;
  readonly port: Record<string, any>;
  readonly externalName: boolean;
  readonly source: string;
}

/** istioctl's `IsIstioControlPlane`: a Service labelled `istio` (any value) or `release: istio`. */
function isControlPlane(svc: ObjectRecord): boolean {
  return svc.labels.istio !== undefined || svc.labels.release === 'istio';
}

function undeclaredPorts(model: MeshModel): PortFinding[] {
  const out: PortFinding[] = [];
  for (const svc of model.ofKind('', 'Service')) {
    if (SYSTEM_NAMESPACES.has(svc.namespace) || isControlPlane(svc) || !isPlainObject(svc.spec)) continue;
    const externalName = svc.spec.type === 'ExternalName';
    arrayOf(svc.spec.ports).forEach((port, index) => {
      if (!isPlainObject(port)) return;
      const { protocol, source } = servicePortProtocol(port);
      if (protocol === 'unsupported' || (externalName && port.name === 'tcp')) {
        out.push({ service: svc, index, port, externalName, source });
      }
    });
  }
  return out;
}

function portLabel(port: Record<string, any>): string {
  const target = port.targetPort !== undefined ? `, targetPort ${String(port.targetPort)}` : '';
  return `port ${String(port.port)}${target}`;
}

/** A name suggestion that keeps the user's name as suffix: `web` → `http-web`. */
function suggestName(port: Record<string, any>): string {
  const name = typeof port.name === 'string' && port.name !== '' ? port.name : '';
  return name === '' ? 'http (or tcp, grpc, …)' : `http-${name} (or tcp-${name}, grpc-${name}, …)`;
}

export const servicePortProtocolUndeclared: Rule = {
  id: 'service-port-protocol-undeclared',
  severity: Severity.INFO,
  istioCode: 'IST0118',
  summary: 'A Service port declares no protocol Istio reads (appProtocol, or a port name such as http-… or tcp-…), so Istio sniffs the protocol.',
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

export const serviceExternalNamePortName: Rule = {
  id: 'service-externalname-port-name',
  severity: Severity.WARNING,
  istioCode: 'IST0150',
  summary: 'An ExternalName Service port is named "tcp" or declares no protocol Istio reads, so the proxy may not forward its TCP traffic correctly.',
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
