import { Severity } from '../../diagnostic';
import { ARGO_GROUP, httpRouteNames, rolloutVirtualServices, splitRef } from '../../facts/controller-routes';
import { isPlainObject } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

export const rolloutHeaderRouteAfterCanary: Rule = {
  id: 'rollout-header-route-after-canary',
  kinds: ['Rollout'],
  severity: Severity.WARNING,
  summary: 'A route with a match comes after the catch-all route whose weights an Argo Rollout moves, so it never takes a request.',
  origin: 'envoy',
  docs: 'Envoy takes the first route that matches. The route Argo Rollouts splits between stable and\n' +
    'canary usually has no match, so it takes every request: a header route placed after it (a test\n' +
    'user sent to the canary, say) is never used, during the rollout or after it. Header routes must\n' +
    'come before the canary\'s route. `virtualservice-unreachable-route` reports any route after a\n' +
    'catch-all; this rule names the Rollout whose route it is.',
  fields: 'spec.strategy.canary.trafficRouting.istio.virtualService.routes[], VirtualService spec.http[]',
  fix: 'Add header routes before the canary (a MeshService keeps routes in the order they are added).',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      for (const ref of rolloutVirtualServices(rollout)) {
        const { name, namespace } = splitRef(ref.name, rollout.namespace);
        const vs = model.find(NETWORKING_GROUP, 'VirtualService', namespace, name);
        if (!vs) continue;
        const names = httpRouteNames(vs);
        const http: unknown[] = vs.spec.http;
        for (const route of ref.routes.length > 0 ? ref.routes : names.slice(0, 1)) {
          const index = names.indexOf(route);
          if (index < 0) continue;
          const managed = http[index];
          const matches = isPlainObject(managed) && Array.isArray(managed.match) ? managed.match : [];
          if (matches.length > 0) continue; // narrowed by a match: later routes may still be reached
          const later = http
            .map((r, i) => ({ r, i }))
            .filter(({ r, i }) => i > index && isPlainObject(r) && Array.isArray(r.match) && r.match.length > 0);
          for (const { i } of later) {
            const label = names[i] === '' ? `HTTP route ${i}` : `route "${names[i]}"`;
            report({
              object: rollout,
              path: ref.routes.length > 0 ? [...ref.path, 'routes', ref.routes.indexOf(route)] : [...ref.path],
              message: `${label} of VirtualService ${name} comes after route "${route}", which Rollout ${rollout.name} splits between stable and canary ` +
                'and which takes every request, so its match is never tried.',
              fix: `Move ${label} above "${route}" in VirtualService ${name}.`,
            });
          }
        }
      }
    }
  },
};
