import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

export const destinationRuleDeprecatedField: Rule = {
  id: 'destinationrule-deprecated-field',
  kinds: ['DestinationRule'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A DestinationRule uses deprecated outlierDetection.consecutiveErrors or consistentHash.minimumRingSize (Istio warns).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Deprecated DestinationRule fields that Istio\'s validation webhook accepts with a warning:\n' +
    '`outlierDetection.consecutiveErrors` (use `consecutive5xxErrors` or `consecutiveGatewayErrors`)\n' +
    'and `consistentHash.minimumRingSize` (use `ringHash.minimumRingSize`). Kept a warning, as in Istio.',
  fields: 'outlierDetection.consecutiveErrors, consistentHash.minimumRingSize',
  fix: 'Use consecutive5xxErrors/consecutiveGatewayErrors, or ringHash.minimumRingSize.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      for (const p of trafficPoliciesOf(dr)) {
        const od = objectAt(p.policy, 'outlierDetection');
        if (od && typeof od.consecutiveErrors === 'number' && od.consecutiveErrors !== 0) {
          report({
            object: dr,
            path: [...p.path, 'outlierDetection', 'consecutiveErrors'],
            message: `outlierDetection.consecutiveErrors (${od.consecutiveErrors}) of ${p.label} is deprecated; Istio accepts it with a warning.`,
            fix: `Write consecutive5xxErrors: ${od.consecutiveErrors} (all 5xx) or consecutiveGatewayErrors: ${od.consecutiveErrors} (502, 503, 504) instead.`,
          });
        }
        const ch = objectAt(objectAt(p.policy, 'loadBalancer'), 'consistentHash');
        if (ch && typeof ch.minimumRingSize === 'number' && ch.minimumRingSize !== 0) {
          report({
            object: dr,
            path: [...p.path, 'loadBalancer', 'consistentHash', 'minimumRingSize'],
            message: `consistentHash.minimumRingSize (${ch.minimumRingSize}) of ${p.label} is deprecated; Istio accepts it with a warning.`,
            fix: `Write ringHash: { minimumRingSize: ${ch.minimumRingSize} } inside consistentHash instead.`,
          });
        }
      }
    }
  },
};
