import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { workloadSelectorOf } from '../../resources/selectors';
import { containerPorts, hasWorkloadSelector } from '../../resources/workloads';
import { Report, Rule } from '../../rule';
import { describeWorkload, listSome } from '../../text';

export const peerAuthenticationPortNotFound: Rule = {
  id: 'peerauthentication-port-not-found',
  kinds: ['PeerAuthentication'],
  severity: Severity.WARNING,
  summary: 'A PeerAuthentication port-level mode names a port that none of the selected workloads declares as a container port.',
  origin: 'app',
  docs: 'A port-level mode for a port that none of the selected workloads declares as a container\n' +
    'port. The override then never applies to real traffic; usually a Service port was written\n' +
    'instead of the container (target) port. Judged only when the selected pods declare ports.',
  fields: 'spec.portLevelMtls',
  fix: 'Use a container port of the selected workloads.',
  check(model: MeshModel, report: Report): void {
    for (const pa of model.peerAuthentications()) {
      if (!isPlainObject(pa.spec) || !isPlainObject(pa.spec.portLevelMtls) || !hasWorkloadSelector(pa)) continue;
      const pods = model.podTemplatesMatching(pa.namespace, workloadSelectorOf(pa));
      const declared = new Set<number>();
      for (const pod of pods) for (const p of containerPorts(pod)) declared.add(p.port);
      if (declared.size === 0) continue;
      for (const key of Object.keys(pa.spec.portLevelMtls)) {
        if (!/^[0-9]+$/.test(key) || declared.has(Number(key))) continue;
        const servicePorts = pods.flatMap((pod) => model.servicesSelecting(pod)).flatMap((svc) =>
          (isPlainObject(svc.spec) && Array.isArray(svc.spec.ports) ? svc.spec.ports : [])
            .filter((p: any) => isPlainObject(p) && p.port === Number(key))
            .map((p: any) => ({ svc, target: p.targetPort })));
        const hint = servicePorts.length > 0 && (typeof servicePorts[0].target === 'number' || typeof servicePorts[0].target === 'string')
          ? ` Port ${key} is a port of Service ${servicePorts[0].svc.namespace}/${servicePorts[0].svc.name}, whose targetPort is ${servicePorts[0].target}: portLevelMtls takes the container port.`
          : '';
        report({
          object: pa,
          path: ['spec', 'portLevelMtls', key],
          message:
            `portLevelMtls sets a mode for port ${key}, but the selected workloads (${listSome(pods.map(describeWorkload))}) ` +
            `declare only container ports ${[...declared].sort((a, b) => a - b).join(', ')}, so the override never applies.${hint}`,
          fix: `Key the entry by a container port the workload listens on (${[...declared].sort((a, b) => a - b).join(', ')}).`,
        });
      }
    }
  },
};
