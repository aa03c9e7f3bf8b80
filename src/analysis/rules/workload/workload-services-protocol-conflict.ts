import { Severity } from '../../diagnostic';
import { serviceName, workloadInMesh } from '../../facts/workload-ports';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { WORKLOAD_KINDS } from '../../resources/pod-template-paths';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { describeWorkload } from '../../text';


export const workloadServicesProtocolConflict: Rule = {
  id: 'workload-services-protocol-conflict',
  kinds: WORKLOAD_KINDS,
  severity: Severity.WARNING,
  istioCode: 'IST0116',
  summary: 'Services selecting the same workload use one port number with different protocols (TCP/UDP/SCTP), which Istio cannot tell apart.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message DeploymentAssociatedToMultipleServices (IST0116)',
  docs: 'istioctl\'s DeploymentAssociatedToMultipleServices (IST0116): Services selecting the same pods\n' +
    'expose one port number with different Kubernetes protocols (TCP, UDP, SCTP).',
  fields: 'Services selecting the pods: ports[].protocol',
  fix: 'Use one protocol per port number across the Services of a workload.',
  check(model: MeshModel, report: Report): void {
    for (const pod of model.allPodTemplates()) {
      const services = model.servicesSelecting(pod);
      if (services.length < 2 || !workloadInMesh(model, pod)) continue;
      const byPort = new Map<number, Map<string, Set<string>>>();
      for (const svc of services) {
        for (const p of arrayOf(isPlainObject(svc.spec) ? svc.spec.ports : undefined)) {
          if (!isPlainObject(p) || typeof p.port !== 'number') continue;
          const protocol = typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP';
          const protocols = byPort.get(p.port) ?? new Map<string, Set<string>>();
          const names = protocols.get(protocol) ?? new Set<string>();
          names.add(serviceName(svc));
          protocols.set(protocol, names);
          byPort.set(p.port, protocols);
        }
      }
      for (const [port, protocols] of byPort) {
        if (protocols.size < 2) continue;
        const parts = [...protocols].map(([protocol, names]) => `${protocol} (${[...names].join(', ')})`);
        report({
          object: pod.owner,
          path: ['metadata', 'name'],
          message:
            `${describeWorkload(pod)} is selected by Services that use port ${port} with different protocols: ${parts.join(' and ')}. ` +
            'Istio keys a workload\'s inbound listeners by port, so these Services cannot all be served.',
          fix: `Use one protocol for port ${port} in every Service selecting these pods, or give the other protocol its own port number.`,
        });
      }
    }
  },
};
