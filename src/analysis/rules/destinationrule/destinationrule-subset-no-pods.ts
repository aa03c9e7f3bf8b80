import { Severity } from '../../diagnostic';
import { PodLabelIndex, TOPOLOGY_LABELS } from '../../facts/subset-pods';
import { isPlainObject, stringMap } from '../../manifest';
import { labelsMatch, MeshModel } from '../../model';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { listSome } from '../../text';

export const destinationRuleSubsetNoPods: Rule = {
  id: 'destinationrule-subset-no-pods',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0173',
  summary: "A DestinationRule subset's labels match none of the pods of the Service its host names.",
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message DestinationRuleSubsetNotSelectPods (IST0173)',
  docs: 'A DestinationRule subset whose labels, together with the selector of the Kubernetes Service\n' +
    'its host resolves to, match none of the app\'s pod templates: requests routed to it fail with\n' +
    '503 UH (no healthy upstream). Only judged when the Service is in the analysed set, the set\n' +
    'holds workloads, and some pod template matches the Service at all; otherwise the pods may be\n' +
    'defined elsewhere. istioctl\'s SubsetSelectPodAnalyzer (IST0173) looks for a pod carrying the\n' +
    'subset\'s labels alone, in any namespace, without the Service selector: where only pods of other\n' +
    'workloads carry them, it says nothing, and this is a warning (those pods are not endpoints of the\n' +
    'Service, so the subset is still empty).',
  fields: 'spec.subsets[].labels',
  fix: 'Use labels the Service\'s pod templates carry (e.g. version: v1), or label the pods.',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads()) return;
    const index = new PodLabelIndex(model);

    for (const dr of model.destinationRules()) {
      if (!isPlainObject(dr.spec) || typeof dr.spec.host !== 'string') continue;
      const subsets = arrayOf(dr.spec.subsets);
      if (subsets.length === 0) continue;
      const fqdn = model.fqdn(dr.spec.host, dr.namespace);
      const svc = model.serviceForHost(fqdn);
      if (!svc || !isPlainObject(svc.spec)) continue;
      const selector = stringMap(svc.spec.selector);
      // A Service without selector has hand-managed endpoints: nothing to compare with.
      if (Object.keys(selector).length === 0) continue;
      const pods = index.matching(svc.namespace, selector);
      // No pod template of the Service at all: its workloads live elsewhere (or the Service is broken).
      if (pods.length === 0) continue;

      subsets.forEach((subset, i) => {
        if (!isPlainObject(subset)) return;
        const labels = stringMap(subset.labels);
        const judged: Record<string, string> = {};
        for (const [k, v] of Object.entries(labels)) {
          if (!TOPOLOGY_LABELS.has(k)) judged[k] = v;
        }
        if (pods.some((p) => labelsMatch(judged, p.labels))) return;
        // istioctl (IST0173) looks for any pod, in any namespace, with the subset's labels alone.
        const elsewhere = model.podTemplatesMatchingAnywhere(judged);

        const name = typeof subset.name === 'string' ? subset.name : `#${i}`;
        const written = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
        const present = Object.keys(judged)
          .map((k) => {
            const values = [...new Set(pods.map((p) => p.labels[k]).filter((v): v is string => v !== undefined))].sort();
            return values.length === 0
              ? `no pod of the Service has a "${k}" label`
              : `"${k}" is ${values.map((v) => `"${v}"`).join(' or ')}`;
          })
          .join('; ');
        const others = [...new Set(elsewhere.map((p) => `${p.owner.kind} ${p.namespace}/${p.owner.name}`))].sort();
        report({
          object: dr,
          path: ['spec', 'subsets', i, 'labels'],
          ...(others.length > 0 ? { severity: Severity.WARNING } : {}),
          message:
            `Subset "${name}" selects labels ${written} within Service ${svc.namespace}/${svc.name} ` +
            `(selector ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')}), but no pod template of that Service ` +
            `has them, so traffic routed to this subset fails with 503 (no healthy upstream). On the Service's pods ${present}.` +
            (others.length > 0
              ? ` Only pods of other workloads carry the subset's labels (${listSome(others, 2)}), which is why istioctl, whose IST0173 check ignores the Service selector and namespace, does not report it; they are not endpoints of this Service.`
              : ''),
          fix:
            `Change the subset's labels to values the pods carry (${present}), or deploy a workload in namespace ${svc.namespace} ` +
            `whose pod template has ${written} and matches the Service selector; remove the subset if it is unused.`,
        });
      });
    }
  },
};
