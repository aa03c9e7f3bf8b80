import { Severity } from '../../diagnostic';
import { serviceName, workloadInMesh } from '../../facts/workload-ports';
import { MeshModel } from '../../model';
import { WORKLOAD_KINDS } from '../../resources/pod-template-paths';
import { containerPorts, resolveTargetPort, servicePorts } from '../../resources/workloads';
import { Report, Rule } from '../../rule';
import { describeWorkload } from '../../text';

export const workloadServicesTargetPortConflict: Rule = {
  id: 'workload-services-target-port-conflict',
  kinds: WORKLOAD_KINDS,
  severity: Severity.WARNING,
  istioCode: 'IST0137',
  summary: 'Services selecting the same workload send one targetPort to different service ports; Istio requires them to use the same port.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message DeploymentConflictingPorts (IST0137)',
  docs: 'istioctl\'s DeploymentConflictingPorts (IST0137): Services selecting the same pods send one\n' +
    'target port to different service ports. Named target ports are resolved against the pod\n' +
    'template\'s container ports, so `http` and `8080` count as the same target.',
  fields: 'Services selecting the pods: ports[].targetPort',
  fix: 'Expose a target port under one service port number in every Service.',
  check(model: MeshModel, report: Report): void {
    for (const pod of model.allPodTemplates()) {
      const services = model.servicesSelecting(pod);
      if (services.length === 0 || !workloadInMesh(model, pod)) continue;
      const byTarget = new Map<string, Map<number, Set<string>>>();
      for (const svc of services) {
        for (const p of servicePorts(svc)) {
          const resolved = resolveTargetPort(p, pod);
          const target = resolved !== undefined ? String(resolved) : String(p.targetPort);
          const ports = byTarget.get(target) ?? new Map<number, Set<string>>();
          const names = ports.get(p.port) ?? new Set<string>();
          names.add(serviceName(svc));
          ports.set(p.port, names);
          byTarget.set(target, ports);
        }
      }
      for (const [target, ports] of byTarget) {
        if (ports.size < 2) continue;
        const parts = [...ports].map(([port, names]) => `${port} (${[...names].join(', ')})`);
        const named = containerPorts(pod).find((c) => String(c.port) === target && c.name);
        report({
          object: pod.owner,
          path: ['metadata', 'name'],
          message:
            `${describeWorkload(pod)} is selected by Services that send target port ${target}${named ? ` ("${named.name}")` : ''} ` +
            `to different service ports: ${parts.join(' and ')}. Istio requires one service port per target port of a workload.`,
          fix: `Expose target port ${target} under the same port number in every Service that selects these pods.`,
        });
      }
    }
  },
};
