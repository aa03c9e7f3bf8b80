import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { consistentHashProblems, localityCheck, warmupProblems } from '../../validation/destinationrule-load-balancer';

/**
 * Load-balancer settings Istio's validation webhook refuses:
 * - consistent hash: an `httpCookie` without name; the deprecated `minimumRingSize` together with
 *   `ringHash` or `maglev`; a Maglev `tableSize` that is missing, not below 5000011 or not prime;
 * - locality: `distribute` with `failover`; `failover` with a region/zone/subzone label in
 *   `failoverPriority`; distribute weights outside 1..100 or not adding up to 100; malformed or
 *   overlapping localities; failover from/to the same region, to a zone, or with `*`;
 * - warmup: no `duration`, `minimumPercent` above 100, `aggression` below 1.
 */
export const destinationRuleInvalidLoadBalancer: Rule = {
  id: 'destinationrule-invalid-load-balancer',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule loadBalancer has an invalid consistent hash (cookie name, maglev table), locality setting (weights not 100, failover) or warmup.',
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
