import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { consistentHashProblems, localityCheck, warmupProblems } from '../../validation/destinationrule';

export const destinationRuleInvalidLoadBalancer: Rule = {
  id: 'destinationrule-invalid-load-balancer',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule loadBalancer has an invalid consistent hash (cookie name, maglev table), locality setting (weights not 100, failover) or warmup.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Load-balancer settings Istio\'s validation webhook refuses:\n' +
    '- consistent hash: an `httpCookie` without name, or with an attribute whose name is empty or given\n' +
    '  twice (and, refused by Envoy rather than the webhook, a line break or NUL in an attribute name or\n' +
    '  value); the deprecated `minimumRingSize` together with\n' +
    '  `ringHash` or `maglev`; a Maglev `tableSize` that is missing, not below 5000011 or not prime;\n' +
    '- locality: `distribute` with `failover`; `failover` with a region/zone/subzone label in\n' +
    '  `failoverPriority`; distribute weights outside 1..100 or not adding up to 100; malformed or\n' +
    '  overlapping localities; failover from/to the same region, to a zone, or with `*`;\n' +
    '- warmup: no `duration`, `minimumPercent` above 100, `aggression` below 1.',
  fields: 'trafficPolicy.loadBalancer',
  fix: 'Name the hash cookie, use a prime Maglev table size below 5000011, make locality weights add up to 100.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      for (const p of trafficPoliciesOf(dr)) {
        const lb = objectAt(p.policy, 'loadBalancer');
        if (!lb) continue;
        const path = [...p.path, 'loadBalancer'];
        for (const f of [...consistentHashProblems(p, lb, path), ...localityCheck(p, lb, path).found, ...warmupProblems(p, lb, path)]) {
          report({ object: dr, ...f });
        }
      }
    }
  },
};
