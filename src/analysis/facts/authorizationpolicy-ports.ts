import { isPlainObject } from '../manifest';
import { MeshModel, PodTemplateRecord } from '../model';
import { rulePorts, ValueList } from '../resources/authorization';
import { arrayOf } from '../resources/virtualservice';
import { resolveTargetPort, ServicePortRecord, servicePorts } from '../resources/workloads';

/** A workload port reached through a Service port, with the protocol Istio derives for it. */
export interface WorkloadPort {
  readonly target: number;
  readonly via: ServicePortRecord;
}

export function workloadPorts(model: MeshModel, pods: PodTemplateRecord[]): WorkloadPort[] {
  const out: WorkloadPort[] = [];
  for (const pod of pods) {
    for (const svc of model.servicesSelecting(pod)) {
      for (const port of servicePorts(svc)) {
        if (port.protocol === 'udp') continue;
        const target = resolveTargetPort(port, pod);
        if (target !== undefined) out.push({ target, via: port });
      }
    }
  }
  return out;
}

/** The ports a list of values is evaluated on: its own operation's ports, else the rule's. */
export function portsOfList(rule: Record<string, any>, list: ValueList): number[] | undefined {
  if (list.kind !== 'operation') return rulePorts(rule);
  const op = arrayOf(rule.to)[list.path[4] as number]?.operation;
  if (!isPlainObject(op)) return undefined;
  const ports = arrayOf(op.ports).filter((p) => typeof p === 'string' && /^[0-9]+$/.test(p)).map(Number);
  return ports.length > 0 ? ports : undefined;
}

export function describeVia(p: WorkloadPort): string {
  return `Service ${p.via.service.namespace}/${p.via.service.name} port ${p.via.port}, ${p.via.protocolSource}`;
}

export function dedupe(ports: WorkloadPort[]): WorkloadPort[] {
  const seen = new Set<number>();
  return ports.filter((p) => (seen.has(p.target) ? false : (seen.add(p.target), true)));
}
