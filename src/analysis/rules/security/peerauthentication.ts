import { containerPorts, describeObject, describeWorkload, formatLabels, hasWorkloadSelector, listSome, selectorOf } from './common';
import { EffectiveMtls } from './effective-mtls';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

/**
 * Istio's `ValidatePeerAuthentication`: `portLevelMtls` needs a workload selector (a mesh- or
 * namespace-wide policy cannot have port-level modes), and its keys are port numbers 1..65535.
 */
export const peerAuthenticationInvalidPortLevelMtls: Rule = {
  id: 'peerauthentication-invalid-port-level-mtls',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A PeerAuthentication has portLevelMtls without a workload selector, or a port key outside 1..65535 (Istio rejects it).',
  check(model: MeshModel, report: Report): void {
    for (const pa of model.peerAuthentications()) {
      if (!isPlainObject(pa.spec) || !isPlainObject(pa.spec.portLevelMtls)) continue;
      const ports = Object.keys(pa.spec.portLevelMtls);
      if (ports.length > 0 && !hasWorkloadSelector(pa)) {
        const scope = pa.namespace === model.rootNamespace ? 'mesh-wide' : 'namespace-wide';
        report({
          object: pa,
          path: ['spec', 'portLevelMtls'],
          message:
            `portLevelMtls (ports ${ports.join(', ')}) is set on a ${scope} PeerAuthentication (no selector labels); ` +
            'Istio rejects it: "mesh/namespace peer authentication cannot have port level mTLS".',
          fix:
            'Add selector.matchLabels naming the workload whose ports these are, or move portLevelMtls into a separate ' +
            'workload PeerAuthentication and keep this one for the namespace-wide mode.',
        });
      }
      for (const key of ports) {
        const n = /^[0-9]+$/.test(key) ? Number(key) : NaN;
        if (n >= 1 && n <= 65535) continue;
        report({
          object: pa,
          path: ['spec', 'portLevelMtls', key],
          message: `portLevelMtls key "${key}" is not a port number; Istio requires ports in the range 1..65535.`,
          fix: 'Key each entry by the container port number the workload listens on, e.g. `8080: { mode: DISABLE }`.',
        });
      }
    }
  },
};

/**
 * Several PeerAuthentications compete for the same scope: two selector-less ones in a namespace
 * (or in the root namespace), or two workload ones selecting the same pods. Istio applies only
 * the oldest, so which one wins depends on creation order.
 */
export const peerAuthenticationConflictingPolicies: Rule = {
  id: 'peerauthentication-conflicting-policies',
  severity: Severity.WARNING,
  summary: 'Two PeerAuthentications apply to the same namespace, or select the same workload; Istio only honours the oldest.',
  check(model: MeshModel, report: Report): void {
    const index = EffectiveMtls.of(model);
    const namespaces = new Set<string>(model.peerAuthentications().map((pa) => pa.namespace));
    for (const ns of namespaces) {
      const wide = index.namespacePolicies(ns);
      for (const pa of wide.slice(1)) {
        const scope = ns === model.rootNamespace ? 'mesh-wide (root namespace)' : `namespace-wide in ${ns}`;
        report({
          object: pa,
          path: [],
          message:
            `${describeObject(pa)} is ${scope} like ${describeObject(wide[0])}; Istio applies only the oldest selector-less ` +
            'policy of a namespace, so one of them is silently ignored and the mode depends on creation order.',
          fix: 'Merge the two into one PeerAuthentication (conventionally named "default"), or give this one a selector.',
        });
      }
    }
    // Workload policies: pods selected by more than one policy of their namespace.
    const reported = new Set<ObjectRecord>();
    for (const pod of model.allPodTemplates()) {
      const matching = index.workloadPolicies(pod.namespace, pod.labels);
      for (const pa of matching.slice(1)) {
        if (reported.has(pa)) continue;
        reported.add(pa);
        report({
          object: pa,
          path: ['spec', 'selector'],
          message:
            `${describeWorkload(pod)} is selected both by ${describeObject(matching[0])} and by this PeerAuthentication ` +
            `(selector ${formatLabels(selectorOf(pa))}); Istio applies only the oldest, so one of them is ignored for it.`,
          fix: 'Keep one workload PeerAuthentication per workload: merge their modes and portLevelMtls entries, or narrow the selectors so they do not overlap.',
        });
      }
    }
  },
};

/**
 * A port-level mode for a port that none of the selected workloads declares as a container
 * port. The override then never applies to real traffic; usually a Service port was written
 * instead of the container (target) port. Judged only when the selected pods declare ports.
 */
export const peerAuthenticationPortNotFound: Rule = {
  id: 'peerauthentication-port-not-found',
  severity: Severity.WARNING,
  summary: 'A PeerAuthentication port-level mode names a port that none of the selected workloads declares as a container port.',
  check(model: MeshModel, report: Report): void {
    for (const pa of model.peerAuthentications()) {
      if (!isPlainObject(pa.spec) || !isPlainObject(pa.spec.portLevelMtls) || !hasWorkloadSelector(pa)) continue;
      const pods = model.podTemplatesMatching(pa.namespace, selectorOf(pa));
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
