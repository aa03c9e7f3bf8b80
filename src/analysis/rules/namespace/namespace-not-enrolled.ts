import { Severity } from '../../diagnostic';
import { meshNamespaces, namespaceEnrollment, podEnrollment, SYSTEM_NAMESPACES } from '../../facts/enrollment';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { describeObject, listSome } from '../../text';

export const namespaceNotEnrolled: Rule = {
  id: 'namespace-not-enrolled',
  kinds: ['Namespace'],
  severity: Severity.INFO,
  istioCode: 'IST0102',
  summary: 'A namespace whose workloads the Istio configuration addresses enables neither sidecar injection nor ambient mode, so its pods run without a proxy.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message NamespaceNotInjected (IST0102)',
  docs: 'istioctl\'s NamespaceNotInjected (IST0102), judged on the app: a Namespace object of the set\n' +
    'whose workloads the Istio configuration of the set is about, but which enables neither sidecar\n' +
    'injection nor ambient mode (and whose pod templates do not enrol themselves). Namespaces\n' +
    'without a Namespace object in the set are not judged: their labels are unknown.',
  fields: 'metadata.labels',
  fix: 'Label the namespace istio-injection: enabled, istio.io/rev, or istio.io/dataplane-mode: ambient.',
  check(model: MeshModel, report: Report): void {
    const namespaces = model.ofKind('', 'Namespace');
    if (namespaces.length === 0) return;
    const targeted = meshNamespaces(model);
    for (const ns of namespaces) {
      if (ns.name === model.rootNamespace || ns.name === 'istio-system' || SYSTEM_NAMESPACES.has(ns.name)) continue;
      if (namespaceEnrollment(ns).mode !== 'none') continue;
      const config = targeted.get(ns.name);
      if (!config) continue;
      const pods = model.podTemplates(ns.name).filter((p) => podEnrollment(p) === undefined);
      if (pods.length === 0) continue;
      report({
        object: ns,
        path: ['metadata', 'labels'],
        message:
          `Namespace ${ns.name} has workloads (${listSome(pods.map((p) => `${p.owner.kind} ${p.owner.name}`), 3)}) that Istio configuration addresses ` +
          `(${config.map(describeObject).join(', ')}), but it enables neither sidecar injection nor ambient mode, so those pods run without a proxy and that configuration does not apply to them.`,
        fix:
          'Label the namespace istio-injection=enabled (or istio.io/rev=<revision>) for sidecars, or istio.io/dataplane-mode=ambient for ambient mode; ' +
          'or label the pod templates sidecar.istio.io/inject: "true". To keep the namespace out of the mesh on purpose, label it istio-injection=disabled.',
      });
    }
  },
};
