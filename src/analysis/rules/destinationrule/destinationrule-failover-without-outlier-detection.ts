import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { isSet, objectAt } from '../../resources/http-routes';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { localityCheck } from '../../validation/destinationrule';

export const destinationRuleFailoverWithoutOutlierDetection: Rule = {
  id: 'destinationrule-failover-without-outlier-detection',
  kinds: ['DestinationRule'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A DestinationRule locality failover has no outlierDetection in the same traffic policy, so failover never triggers (Istio warns).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Locality failover (`failover` or `failoverPriority`) without `outlierDetection` in the same\n' +
    'traffic policy: Istio accepts it with a warning, since Envoy only fails over from endpoints that\n' +
    'outlier detection has ejected, so without it failover never happens. Kept a warning, as in Istio.',
  fields: 'loadBalancer.localityLbSetting.failover',
  fix: 'Add outlierDetection to the same traffic policy.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      for (const p of trafficPoliciesOf(dr)) {
        const loc = objectAt(objectAt(p.policy, 'loadBalancer'), 'localityLbSetting');
        if (!loc) continue;
        const failover = arrayOf(loc.failover).length > 0;
        const priority = arrayOf(loc.failoverPriority).length > 0;
        if (!failover && !priority) continue;
        if (isSet(p.policy, 'outlierDetection')) continue;
        // Istio stops before this warning when it has found certain errors (reported by destinationrule-invalid-load-balancer).
        if (localityCheck(p, objectAt(p.policy, 'loadBalancer')!, [...p.path, 'loadBalancer']).stopped) continue;
        report({
          object: dr,
          path: [...p.path, 'loadBalancer', 'localityLbSetting', failover ? 'failover' : 'failoverPriority'],
          message:
            `${p.label} sets locality ${failover ? 'failover' : 'failoverPriority'} but no outlierDetection; Envoy only fails over ` +
            'when outlier detection ejects unhealthy endpoints, so this failover never triggers (Istio warns).',
          fix: `Add outlierDetection next to loadBalancer in ${p.label}, e.g. { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s" }.`,
        });
      }
    }
  },
};
