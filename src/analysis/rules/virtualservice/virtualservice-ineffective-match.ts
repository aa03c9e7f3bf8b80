import { Severity } from '../../diagnostic';
import { analyzeRouteOrder } from '../../facts/route-order';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

/**
 * A match entry of a VirtualService route that can never select a request because an earlier
 * route has the same match (Istio's IST0131), or an earlier match includes it (a shorter URI
 * prefix with the same other conditions).
 */
export const virtualServiceIneffectiveMatch: Rule = {
  id: 'virtualservice-ineffective-match',
  severity: Severity.INFO,
  istioCode: 'IST0131',
  summary: 'A VirtualService match repeats, or is included in, a match of an earlier route, so it never selects a request.',
  check(model: MeshModel, report: Report): void {
    for (const m of analyzeRouteOrder(model).ineffective) {
      report({
        object: m.vs,
        path: ['spec', m.kind, m.routeIndex, 'match', m.matchIndex],
        message: m.message,
        fix: m.fix,
      });
    }
  },
};
