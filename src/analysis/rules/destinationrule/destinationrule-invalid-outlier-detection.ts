import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { wrappedNumber } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

export const destinationRuleInvalidOutlierDetection: Rule = {
  id: 'destinationrule-invalid-outlier-detection',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule outlierDetection has a percentage outside 0..100, or consecutiveLocalOriginFailures without splitExternalLocalOriginErrors.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Outlier detection Istio\'s validation webhook refuses: `consecutiveLocalOriginFailures` above 0\n' +
    'without `splitExternalLocalOriginErrors: true` (local-origin errors are then not counted apart,\n' +
    'so the setting could never apply), or `maxEjectionPercent` / `minHealthPercent` outside 0..100.\n' +
    'Durations are checked by `destinationrule-invalid-duration`.',
  fields: 'trafficPolicy.outlierDetection',
  fix: 'Use percentages of 0..100; set splitExternalLocalOriginErrors with consecutiveLocalOriginFailures.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      for (const p of trafficPoliciesOf(dr)) {
        const od = p.policy.outlierDetection;
        if (!isPlainObject(od)) continue;
        const path = [...p.path, 'outlierDetection'];
        const localFailures = wrappedNumber(od, 'consecutiveLocalOriginFailures');
        if (localFailures !== undefined && localFailures > 0 && od.splitExternalLocalOriginErrors !== true) {
          report({
            object: dr,
            path: [...path, 'consecutiveLocalOriginFailures'],
            message:
              `outlierDetection of ${p.label} sets consecutiveLocalOriginFailures ${localFailures} but not splitExternalLocalOriginErrors: true; ` +
              'local-origin failures are only counted separately when they are split, so Istio rejects it.',
            fix: 'Add splitExternalLocalOriginErrors: true, or remove consecutiveLocalOriginFailures.',
          });
        }
        for (const field of ['maxEjectionPercent', 'minHealthPercent']) {
          const v = od[field];
          if (typeof v !== 'number' || (v >= 0 && v <= 100)) continue;
          report({
            object: dr,
            path: [...path, field],
            message: `outlierDetection.${field} of ${p.label} is ${v}; Istio requires a percentage from 0 to 100.`,
            fix: field === 'maxEjectionPercent'
              ? 'Use a percentage from 0 to 100 (the default is 10).'
              : 'Use a percentage from 0 to 100 (the default, 0, keeps outlier detection on however few hosts are healthy).',
          });
        }
      }
    }
  },
};
