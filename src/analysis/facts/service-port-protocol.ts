/**
 * istioctl's `service.PortNameAnalyzer`: a Service port whose protocol Istio cannot read from
 * `appProtocol` or the port name, so it sniffs the protocol (PortNameIsNotUnderNamingConvention,
 * IST0118, info), and the ExternalName variant (ExternalNameServiceTypeInvalidPortName, IST0150,
 * warning). Same skips as istioctl: system namespaces and Services of the Istio control plane.
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { SYSTEM_NAMESPACES } from './enrollment';
import { arrayOf } from '../resources/virtualservice';
import { servicePortProtocol } from '../validators/protocols';

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

export function undeclaredPorts(model: MeshModel): PortFinding[] {
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

export function portLabel(port: Record<string, any>): string {
  const target = port.targetPort !== undefined ? `, targetPort ${String(port.targetPort)}` : '';
  return `port ${String(port.port)}${target}`;
}

/** A name suggestion that keeps the user's name as suffix: `web` → `http-web`. */
export function suggestName(port: Record<string, any>): string {
  const name = typeof port.name === 'string' && port.name !== '' ? port.name : '';
  return name === '' ? 'http (or tcp, grpc, …)' : `http-${name} (or tcp-${name}, grpc-${name}, …)`;
}
