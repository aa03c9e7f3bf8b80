import { Severity } from '../../diagnostic';
import { isControlPlane, ISTIO_CONTAINERS, podSpecPath, PROXY_UID } from '../../facts/workload-ports';

import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { WORKLOAD_KINDS } from '../../resources/pod-template-paths';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { describeWorkload, listSome } from '../../text';

export const workloadRunsAsProxyUid: Rule = {
  id: 'workload-runs-as-proxy-uid',
  kinds: WORKLOAD_KINDS,
  severity: Severity.WARNING,
  istioCode: 'IST0144',
  summary: 'A pod template runs application containers as UID 1337, the sidecar proxy\'s UID, so their traffic bypasses the proxy.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message InvalidApplicationUID (IST0144)',
  docs: 'istioctl\'s InvalidApplicationUID (IST0144): application containers running as UID 1337.',
  fields: 'spec.template.spec(.containers[]).securityContext.runAsUser',
  fix: 'Run the application as another UID than 1337.',
  check(model: MeshModel, report: Report): void {
    for (const pod of model.allPodTemplates()) {
      if (isControlPlane(pod.owner) || !isPlainObject(pod.podSpec)) continue;
      const spec = pod.podSpec;
      const podUid = isPlainObject(spec.securityContext) ? spec.securityContext.runAsUser : undefined;
      const offenders: Array<{ name: string; path: Array<string | number> }> = [];
      arrayOf(spec.containers).forEach((c, i) => {
        if (!isPlainObject(c) || ISTIO_CONTAINERS.has(c.name)) return;
        const own = isPlainObject(c.securityContext) ? c.securityContext.runAsUser : undefined;
        if (own === PROXY_UID) {
          offenders.push({ name: String(c.name ?? `#${i}`), path: [...podSpecPath(pod), 'containers', i, 'securityContext', 'runAsUser'] });
        } else if (own === undefined && podUid === PROXY_UID) {
          offenders.push({ name: String(c.name ?? `#${i}`), path: [...podSpecPath(pod), 'securityContext', 'runAsUser'] });
        }
      });
      if (offenders.length === 0) continue;
      report({
        object: pod.owner,
        path: offenders[0].path,
        message:
          `${describeWorkload(pod)} runs ${offenders.length === 1 ? 'container' : 'containers'} ${listSome(offenders.map((o) => `"${o.name}"`), 5)} ` +
          `as UID ${PROXY_UID}, which is reserved for the sidecar proxy: Istio's traffic redirection skips that UID, so the application's traffic bypasses the mesh.`,
        fix: 'Run the application as another UID (securityContext.runAsUser), e.g. 1000.',
      });
    }
  },
};
