import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { durationFinding, objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { FIELDS } from '../../validation/destinationrule';

export const destinationRuleInvalidDuration: Rule = {
  id: 'destinationrule-invalid-duration',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule duration (connect/idle timeouts, keepalive, ejection time and interval, warmup) is not a duration, under 1ms, or not whole milliseconds.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Duration fields of DestinationRule traffic policies (top level, subsets, port-level settings)\n' +
    'that Istio refuses: not a duration string (the CRD\'s CEL rule fails), shorter than 1 ms, or not\n' +
    'a whole number of milliseconds. `connectionPool.tcp.idleTimeout` may be `0s` (it disables the\n' +
    'idle timeout), as Istio allows.',
  fields: 'connectionPool, outlierDetection, loadBalancer durations',
  fix: 'Write a duration of at least 1ms in whole milliseconds.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      for (const p of trafficPoliciesOf(dr)) {
        for (const field of FIELDS) {
          const parent = field.path.slice(0, -1).reduce<any>((o, k) => objectAt(o, k), p.policy);
          if (!parent) continue;
          const value = parent[field.path[field.path.length - 1]];
          if (value === undefined || value === null) continue;
          const found = durationFinding(`${field.path.join('.')} of ${p.label}`, value, {
            allowZero: field.allowZero,
            whenAbsent: field.whenAbsent,
            ignore: field.celOnly ? ['sub-millisecond'] : [],
          });
          if (found) report({ object: dr, path: [...p.path, ...field.path], ...found });
        }
      }
    }
  },
};
