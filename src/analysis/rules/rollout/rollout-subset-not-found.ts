import { Severity } from '../../diagnostic';
import { ARGO_GROUP, rolloutDestinationRule, splitRef } from '../../facts/controller-routes';
import { closestName } from '../../facts/subsets';
import { isPlainObject } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

export const rolloutSubsetNotFound: Rule = {
  id: 'rollout-subset-not-found',
  kinds: ['Rollout'],
  severity: Severity.ERROR,
  summary: 'The stable or canary subset an Argo Rollout names is not defined by its DestinationRule.',
  origin: 'app',
  docs: 'Argo Rollouts writes the pod-template hash of the stable and the canary ReplicaSet into the\n' +
    'subsets `stableSubsetName` and `canarySubsetName` of its DestinationRule. A subset the\n' +
    'DestinationRule does not define cannot be updated: the controller fails the update and the\n' +
    'routes to that subset fail with 503 (no cluster).\n' +
    'Why an error: requests routed to the missing subset certainly fail (503, no cluster).',
  fields: 'spec.strategy.canary.trafficRouting.istio.destinationRule.{stableSubsetName,canarySubsetName}',
  fix: 'Name subsets the DestinationRule defines (a MeshService canary\'s stable and candidate versions), or add them.',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      const ref = rolloutDestinationRule(rollout);
      if (!ref) continue;
      const { name, namespace } = splitRef(ref.name, rollout.namespace);
      const dr = model.find(NETWORKING_GROUP, 'DestinationRule', namespace, name);
      if (!dr) continue; // rollout-destinationrule-not-found
      const defined = (isPlainObject(dr.spec) && Array.isArray(dr.spec.subsets) ? dr.spec.subsets : [])
        .map((s: any) => (isPlainObject(s) && typeof s.name === 'string' ? s.name : undefined))
        .filter((s: string | undefined): s is string => s !== undefined);
      for (const field of ['stableSubsetName', 'canarySubsetName'] as const) {
        const subset = ref[field];
        if (subset === undefined || defined.includes(subset)) continue;
        const closest = closestName(subset, defined);
        report({
          object: rollout,
          path: [...ref.path, field],
          message: `Rollout ${rollout.name} takes subset "${subset}" of DestinationRule ${name} as its ${field === 'stableSubsetName' ? 'stable' : 'canary'} subset, ` +
            `but the DestinationRule defines ${defined.length > 0 ? `only ${defined.map((s) => `"${s}"`).join(', ')}` : 'no subsets'}; Argo Rollouts cannot label it and routes to it fail with 503.`,
          fix: closest ? `Did you mean "${closest}"?` : `Add a subset "${subset}" to DestinationRule ${name}, selecting the Rollout's pods, or name a defined one.`,
        });
      }
    }
  },
};
