import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { describeRoute, gatewayApiRoutes, ruleBackendRefs } from '../../resources/gateway-api-routes';
import { Rule } from '../../rule';

export const httpRouteAllBackendsZeroWeight: Rule = {
  id: 'httproute-all-backends-zero-weight',
  kinds: ['HTTPRoute', 'GRPCRoute'],
  severity: Severity.WARNING,
  summary: 'Every backendRef of a route rule has weight 0, so the rule answers all its requests with 500.',
  origin: 'app',
  docs: 'backendRef weights are shares of the rule\'s traffic (relative, they need not add up to 100). When all\n' +
    'of them are 0 no backend gets any, and the Gateway API has the implementation answer 500. That may be\n' +
    'a deliberate drain, so this is a warning.',
  fields: 'spec.rules[].backendRefs[].weight',
  fix: 'Give at least one backend a positive weight (e.g. the stable version 100).',
  check(model, report) {
    for (const route of gatewayApiRoutes(model)) {
      const rules = isPlainObject(route.spec) && Array.isArray(route.spec.rules) ? route.spec.rules : [];
      rules.forEach((_rule: unknown, i: number) => {
        const refs = ruleBackendRefs(route, i);
        if (refs.length === 0 || refs.some((r) => r.weight === undefined || r.weight > 0)) return;
        report({
          object: route,
          path: ['spec', 'rules', i, 'backendRefs'],
          message: `${describeRoute(route)} rules[${i}] gives weight 0 to all ${refs.length} backendRefs, so every request of the rule is answered with 500.`,
          fix: 'Give at least one backend a positive weight, or remove the rule.',
        });
      });
    }
  },
};
