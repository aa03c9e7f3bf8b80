import { Severity } from '../../diagnostic';
import { EffectiveMtls } from '../../facts/effective-mtls';
import { ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { workloadSelectorOf } from '../../resources/selectors';
import { Report, Rule } from '../../rule';
import { describeObject, describeWorkload, formatLabels } from '../../text';


export const peerAuthenticationConflictingPolicies: Rule = {
  id: 'peerauthentication-conflicting-policies',
  kinds: ['PeerAuthentication'],
  severity: Severity.WARNING,
  summary: 'Two PeerAuthentications apply to the same namespace, or select the same workload; Istio only honours the oldest.',
  origin: 'app',
  docs: 'Several PeerAuthentications compete for the same scope: two selector-less ones in a namespace\n' +
    '(or in the root namespace), or two workload ones selecting the same pods. Istio applies only\n' +
    'the oldest, so which one wins depends on creation order.',
  fields: 'metadata, spec.selector',
  fix: 'Keep one namespace-wide policy and one policy per workload.',
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
            `(selector ${formatLabels(workloadSelectorOf(pa))}); Istio applies only the oldest, so one of them is ignored for it.`,
          fix: 'Keep one workload PeerAuthentication per workload: merge their modes and portLevelMtls entries, or narrow the selectors so they do not overlap.',
        });
      }
    }
  },
};
