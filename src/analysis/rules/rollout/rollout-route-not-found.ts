import { Severity } from '../../diagnostic';
import { ARGO_GROUP, httpRouteNames, rolloutVirtualServices, splitRef } from '../../facts/controller-routes';
import { closestName } from '../../facts/subsets';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

export const rolloutRouteNotFound: Rule = {
  id: 'rollout-route-not-found',
  kinds: ['Rollout'],
  severity: Severity.ERROR,
  summary: 'An Argo Rollout names an HTTP route its VirtualService does not have, or names none of a VirtualService with several.',
  origin: 'app',
  docs: 'Argo Rollouts edits the weights of the HTTP routes that `virtualService.routes` lists, by name.\n' +
    'A name that no route of the VirtualService carries, or an empty list when the VirtualService has\n' +
    'more than one HTTP route, makes the controller mark the Rollout InvalidSpec: no weight moves.\n' +
    'Why an error: Argo Rollouts refuses the Rollout (InvalidSpec), so no weight ever moves.',
  fields: 'spec.strategy.canary.trafficRouting.istio.virtualService(s)[].routes[]',
  fix: 'List the name of the route that splits the stable and canary subsets (the MeshService\'s `default`).',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      for (const ref of rolloutVirtualServices(rollout)) {
        const { name, namespace } = splitRef(ref.name, rollout.namespace);
        const vs = model.find(NETWORKING_GROUP, 'VirtualService', namespace, name);
        if (!vs) continue; // rollout-virtualservice-not-found
        const names = httpRouteNames(vs);
        const named = names.filter((n) => n !== '');
        if (ref.routes.length === 0) {
          if (names.length > 1) {
            report({
              object: rollout,
              path: [...ref.path],
              message: `Rollout ${rollout.name} lists no route of VirtualService ${name}, which has ${names.length} HTTP routes; Argo Rollouts needs the routes named when there are several.`,
              fix: named.length > 0 ? `Add routes: [${named.map((n) => `"${n}"`).join(', ')}] (the ones that split stable and canary).` : 'Name the route that splits stable and canary, and list it in routes.',
            });
          }
          continue;
        }
        ref.routes.forEach((route, i) => {
          if (named.includes(route)) return;
          const closest = closestName(route, named);
          report({
            object: rollout,
            path: [...ref.path, 'routes', i],
            message: `Rollout ${rollout.name} moves the weights of route "${route}", but VirtualService ${name} has ` +
              `${named.length > 0 ? `only the named routes ${named.map((n) => `"${n}"`).join(', ')}` : 'no named HTTP route'}; Argo Rollouts marks the Rollout InvalidSpec.`,
            fix: closest ? `Did you mean "${closest}"?` : `Name the VirtualService route that splits stable and canary "${route}", or list its name here.`,
          });
        });
      }
    }
  },
};
