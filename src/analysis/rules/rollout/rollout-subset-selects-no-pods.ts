import { Severity } from '../../diagnostic';
import { ARGO_GROUP, rolloutDestinationRule, rolloutPodLabels, splitRef } from '../../facts/controller-routes';
import { TOPOLOGY_LABELS } from '../../facts/subset-pods';
import { isPlainObject, stringMap } from '../../manifest';
import { labelsMatch, MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

/** The label Argo Rollouts adds to each ReplicaSet's pods and to the subsets that select them. */
const HASH_LABEL = 'rollouts-pod-template-hash';

export const rolloutSubsetSelectsNoPods: Rule = {
  id: 'rollout-subset-selects-no-pods',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  summary: 'The stable or canary subset of an Argo Rollout selects by a label its pods do not carry.',
  origin: 'app',
  docs: 'Argo Rollouts tells its stable and canary pods apart by adding `rollouts-pod-template-hash` to\n' +
    'the subsets\' labels; every other label of the two subsets must be on the Rollout\'s pods (its pod\n' +
    'template, or the template of the Deployment it references). A subset with another label selects\n' +
    'no pod at all, so the traffic routed to it fails with 503 (no healthy upstream). A `version` label\n' +
    'is the usual cause: after a rollout the stable pods carry the canary\'s labels, so the subsets must\n' +
    'select by what both share (the Rollout\'s selector).\n' +
    'Why an error: the subset has no endpoint, so requests routed to it certainly fail (503).',
  fields: 'DestinationRule spec.subsets[].labels',
  fix: 'Let both subsets select by the Rollout\'s selector labels only (an ArgoRollout hand-off does).',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      const ref = rolloutDestinationRule(rollout);
      if (!ref) continue;
      const pods = rolloutPodLabels(model, rollout);
      if (!pods) continue;
      const { name, namespace } = splitRef(ref.name, rollout.namespace);
      const dr = model.find(NETWORKING_GROUP, 'DestinationRule', namespace, name);
      if (!dr || !isPlainObject(dr.spec) || !Array.isArray(dr.spec.subsets)) continue;
      dr.spec.subsets.forEach((s: unknown, i: number) => {
        if (!isPlainObject(s) || (s.name !== ref.stableSubsetName && s.name !== ref.canarySubsetName)) return;
        const labels = stringMap(s.labels);
        const wrong = Object.entries(labels).filter(([k, v]) => k !== HASH_LABEL && pods.labels[k] !== v);
        if (wrong.length === 0) return;
        if (reportedAsNoPods(model, dr, labels)) return;
        const role = s.name === ref.stableSubsetName ? 'stable' : 'canary';
        report({
          object: dr,
          path: ['spec', 'subsets', i, 'labels', wrong[0][0]],
          message: `Subset "${s.name}", the ${role} subset of Rollout ${rollout.name}, selects ${wrong.map(([k, v]) => `${k}=${v}`).join(', ')}, ` +
            `which ${pods.from} does not carry${wrong.some(([k]) => pods.labels[k] !== undefined) ? ` (it has ${wrong.filter(([k]) => pods.labels[k] !== undefined).map(([k]) => `${k}=${pods.labels[k]}`).join(', ')})` : ''}; ` +
            'the subset selects no pod and traffic routed to it fails with 503.',
          fix: `Select the Rollout's pods by labels they all carry, e.g. ${Object.entries(stringMap(rollout.spec?.selector?.matchLabels)).map(([k, v]) => `${k}: ${v}`).join(', ') || 'the Rollout\'s selector'}; Argo Rollouts adds ${HASH_LABEL} itself.`,
        });
      });
    }
  },
};

/** Whether `destinationrule-subset-no-pods` reports these subset labels: no pod of the host's Service has them. */
function reportedAsNoPods(model: MeshModel, dr: { spec: any; namespace: string }, labels: Record<string, string>): boolean {
  if (typeof dr.spec.host !== 'string') return false;
  const svc = model.serviceForHost(model.fqdn(dr.spec.host, dr.namespace));
  const selector = svc && isPlainObject(svc.spec) ? stringMap(svc.spec.selector) : {};
  if (!svc || Object.keys(selector).length === 0) return false;
  const pods = model.podTemplatesMatching(svc.namespace, selector);
  if (pods.length === 0) return false;
  const judged = Object.fromEntries(Object.entries(labels).filter(([k]) => !TOPOLOGY_LABELS.has(k)));
  return !pods.some((p) => labelsMatch(judged, p.labels));
}
