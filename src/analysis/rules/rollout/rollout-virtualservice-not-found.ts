import { Severity } from '../../diagnostic';
import { ARGO_GROUP, rolloutVirtualServices, splitRef } from '../../facts/controller-routes';
import { closestName } from '../../facts/subsets';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

export const rolloutVirtualServiceNotFound: Rule = {
  id: 'rollout-virtualservice-not-found',
  kinds: ['Rollout'],
  severity: Severity.ERROR,
  summary: 'An Argo Rollout\'s Istio traffic routing names a VirtualService that is not in the analysed set.',
  origin: 'app',
  docs: 'Argo Rollouts moves the weights of the VirtualService that `trafficRouting.istio.virtualService`\n' +
    '(or `virtualServices`) names: `name` in the Rollout\'s namespace, or `name.namespace`. When the\n' +
    'VirtualService does not exist, the controller marks the Rollout InvalidSpec and moves no traffic,\n' +
    'so the canary never receives its share.\n' +
    'Why an error: Argo Rollouts refuses the Rollout (InvalidSpec), so the rollout never routes traffic.',
  fields: 'spec.strategy.canary.trafficRouting.istio.virtualService(s)[].name',
  fix: 'Name the VirtualService that routes the service (the MeshService\'s, named after it), or create it.',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      for (const ref of rolloutVirtualServices(rollout)) {
        const { name, namespace } = splitRef(ref.name, rollout.namespace);
        if (model.find(NETWORKING_GROUP, 'VirtualService', namespace, name)) continue;
        const names = model.virtualServices().filter((v) => v.namespace === namespace).map((v) => v.name);
        const closest = closestName(name, names);
        report({
          object: rollout,
          path: [...ref.path, 'name'],
          message: `Rollout ${rollout.name} moves the weights of VirtualService "${name}" in namespace ${namespace}, which is not in the analysed set; ` +
            'Argo Rollouts marks the Rollout InvalidSpec and the canary gets no traffic.',
          fix: closest
            ? `Did you mean "${closest}"? Name an existing VirtualService of namespace ${namespace}, or create "${name}".`
            : `Create VirtualService "${name}" in namespace ${namespace} with the route the Rollout names, or name an existing one.`,
        });
      }
    }
  },
};
