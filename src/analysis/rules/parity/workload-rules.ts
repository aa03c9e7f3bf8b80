import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel, PodTemplateRecord } from '../../model';
import { Report, Rule } from '../../rule';
import { containerPorts, describeWorkload, listSome, resolveTargetPort, servicePorts, sidecarDisabled } from '../security/common';
import { arrayOf } from '../virtualservice-routes';

/** Path segments of a pod template's `spec` inside its owner. */
export function podSpecPath(pod: PodTemplateRecord): Array<string | number> {
  return [...pod.labelsPath.slice(0, -2), 'spec'];
}

/**
 * Whether the workload's pods get a sidecar as far as the manifests tell: not when the pod
 * template opts out (`sidecar.istio.io/inject: "false"`) or the namespace is labelled
 * `istio-injection: disabled` without a pod opt-in. Anything else counts as in the mesh, since this
 * library's users deploy into the mesh (istioctl, which sees the cluster, requires injection to be on).
 */
export function workloadInMesh(model: MeshModel, pod: PodTemplateRecord): boolean {
  if (sidecarDisabled(pod)) return false;
  const ns = model.namespaceObject(pod.namespace);
  if (ns?.labels['istio-injection'] === 'disabled') {
    return pod.labels['sidecar.istio.io/inject'] === 'true';
  }
  return true;
}

/** Whether the workload is part of Istio's own installation (istioctl skips these). */
function isControlPlane(o: ObjectRecord): boolean {
  return o.labels.istio !== undefined || o.labels.release === 'istio';
}

/** `shop/reviews` for messages. */
function serviceName(svc: ObjectRecord): string {
  return `${svc.namespace}/${svc.name}`;
}

/**
 * istioctl's DeploymentAssociatedToMultipleServices (IST0116): Services selecting the same pods
 * expose one port number with different Kubernetes protocols (TCP, UDP, SCTP).
 */
export const workloadServicesProtocolConflict: Rule = {
  id: 'workload-services-protocol-conflict',
  severity: Severity.WARNING,
  istioCode: 'IST0116',
  summary: 'Services selecting the same workload use one port number with different protocols (TCP/UDP/SCTP), which Istio cannot tell apart.',
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

/**
 * istioctl's DeploymentConflictingPorts (IST0137): Services selecting the same pods send one
 * target port to different service ports. Named target ports are resolved against the pod
 * template's container ports, so `http` and `8080` count as the same target.
 */
export const workloadServicesTargetPortConflict: Rule = {
  id: 'workload-services-target-port-conflict',
  severity: Severity.WARNING,
  istioCode: 'IST0137',
  summary: 'Services selecting the same workload send one targetPort to different service ports; Istio requires them to use the same port.',
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

/** UID of Istio's sidecar proxy; traffic of processes running as it bypasses the proxy. */
export const PROXY_UID = 1337;

/** Containers istioctl does not count: the proxy itself and the Istio operator. */
const ISTIO_CONTAINERS = new Set(['istio-proxy', 'istio-operator']);

/** istioctl's InvalidApplicationUID (IST0144): application containers running as UID 1337. */
export const workloadRunsAsProxyUid: Rule = {
  id: 'workload-runs-as-proxy-uid',
  severity: Severity.WARNING,
  istioCode: 'IST0144',
  summary: 'A pod template runs application containers as UID 1337, the sidecar proxy\'s UID, so their traffic bypasses the proxy.',
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

export const WORKLOAD_RULES: readonly Rule[] = [workloadServicesProtocolConflict, workloadServicesTargetPortConflict, workloadRunsAsProxyUid];
