import { Severity } from '../../diagnostic';
import { ARGO_GROUP, httpRouteNames, rolloutDestinationRule, rolloutVirtualServices, splitRef } from '../../facts/controller-routes';
import { isPlainObject } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

export const rolloutRouteDestinationsMismatch: Rule = {
  id: 'rollout-route-destinations-mismatch',
  kinds: ['Rollout'],
  severity: Severity.ERROR,
  summary: 'A route an Argo Rollout moves does not send to both its stable and canary subsets of the DestinationRule\'s host.',
  origin: 'app',
  docs: 'With subset-level traffic splitting, Argo Rollouts sets the weights of two destinations of each\n' +
    'route it names: the one with `stableSubsetName` and the one with `canarySubsetName`, both on the\n' +
    'host of the DestinationRule it names. A route that lacks one of them (or sends them to another\n' +
    'host) is refused: the controller marks the Rollout InvalidSpec and moves no traffic.\n' +
    'Why an error: Argo Rollouts refuses the Rollout (InvalidSpec), so no weight ever moves.',
  fields: 'spec.strategy.canary.trafficRouting.istio.virtualService.routes[], VirtualService spec.http[].route[].destination',
  fix: 'Give the route two destinations, the stable and the canary subset of the service host (a MeshService canary does).',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      const drRef = rolloutDestinationRule(rollout);
      if (!drRef || !drRef.stableSubsetName || !drRef.canarySubsetName) continue;
      const { name: drName, namespace: drNamespace } = splitRef(drRef.name, rollout.namespace);
      const dr = model.find(NETWORKING_GROUP, 'DestinationRule', drNamespace, drName);
      const drHost = dr && isPlainObject(dr.spec) && typeof dr.spec.host === 'string' ? model.fqdn(dr.spec.host, dr.namespace) : undefined;
      for (const ref of rolloutVirtualServices(rollout)) {
        const { name, namespace } = splitRef(ref.name, rollout.namespace);
        const vs = model.find(NETWORKING_GROUP, 'VirtualService', namespace, name);
        if (!vs) continue;
        const names = httpRouteNames(vs);
        const wanted = ref.routes.length > 0 ? ref.routes.map((r, i) => ({ route: r, at: [...ref.path, 'routes', i] })) : names.length === 1 ? [{ route: names[0], at: [...ref.path] }] : [];
        for (const { route, at } of wanted) {
          const index = names.indexOf(route);
          if (index < 0) continue; // rollout-route-not-found
          const http = vs.spec.http[index];
          const destinations = (isPlainObject(http) && Array.isArray(http.route) ? http.route : [])
            .map((d: any) => (isPlainObject(d) && isPlainObject(d.destination) ? d.destination : {}));
          const missing: string[] = [];
          for (const subset of [drRef.stableSubsetName, drRef.canarySubsetName]) {
            const found = destinations.some((d: any) => d.subset === subset && (drHost === undefined || (typeof d.host === 'string' && model.fqdn(d.host, vs.namespace) === drHost)));
            if (!found) missing.push(subset);
          }
          if (missing.length === 0) continue;
          const label = route === '' ? `HTTP route ${index}` : `route "${route}"`;
          report({
            object: rollout,
            path: at,
            message: `${label} of VirtualService ${name} has no destination to subset ${missing.map((s) => `"${s}"`).join(' or ')}` +
              `${drHost ? ` of host ${drHost}` : ''}, which Rollout ${rollout.name} weighs as its ${missing.length === 2 ? 'stable and canary' : missing[0] === drRef.stableSubsetName ? 'stable' : 'canary'} subset; ` +
              'Argo Rollouts marks the Rollout InvalidSpec.',
            fix: `Route ${label} to ${drHost ?? 'the service host'} with two destinations, subset "${drRef.stableSubsetName}" (weight 100) and subset "${drRef.canarySubsetName}" (weight 0).`,
          });
        }
      }
    }
  },
};
