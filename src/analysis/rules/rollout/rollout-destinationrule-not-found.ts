import { Severity } from '../../diagnostic';
import { ARGO_GROUP, rolloutDestinationRule, splitRef } from '../../facts/controller-routes';
import { closestName } from '../../facts/subsets';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

export const rolloutDestinationRuleNotFound: Rule = {
  id: 'rollout-destinationrule-not-found',
  kinds: ['Rollout'],
  severity: Severity.ERROR,
  summary: 'An Argo Rollout\'s Istio traffic routing names a DestinationRule that is not in the analysed set.',
  origin: 'app',
  docs: 'For subset-level traffic splitting Argo Rollouts labels the stable and canary subsets of the\n' +
    'DestinationRule that `trafficRouting.istio.destinationRule.name` names with the pod-template hash\n' +
    'of each ReplicaSet. Without that DestinationRule the controller marks the Rollout InvalidSpec and\n' +
    'the subsets the VirtualService routes to do not exist (503, no cluster).\n' +
    'Why an error: Argo Rollouts refuses the Rollout (InvalidSpec), and routes to the missing subsets fail.',
  fields: 'spec.strategy.canary.trafficRouting.istio.destinationRule.name',
  fix: 'Name the DestinationRule of the service host (the MeshService\'s, named after it), or create it.',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      const ref = rolloutDestinationRule(rollout);
      if (!ref) continue;
      const { name, namespace } = splitRef(ref.name, rollout.namespace);
      if (model.find(NETWORKING_GROUP, 'DestinationRule', namespace, name)) continue;
      const closest = closestName(name, model.destinationRules().filter((d) => d.namespace === namespace).map((d) => d.name));
      report({
        object: rollout,
        path: [...ref.path, 'name'],
        message: `Rollout ${rollout.name} splits traffic between subsets of DestinationRule "${name}" in namespace ${namespace}, which is not in the analysed set; ` +
          'Argo Rollouts marks the Rollout InvalidSpec.',
        fix: closest
          ? `Did you mean "${closest}"?`
          : `Create DestinationRule "${name}" in namespace ${namespace} with the subsets "${ref.stableSubsetName ?? 'stable'}" and "${ref.canarySubsetName ?? 'canary'}", or name an existing one.`,
      });
    }
  },
};
