import { Severity } from '../../diagnostic';
import { analyzeRouteOrder } from '../../facts/route-order';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

/**
 * A route of a VirtualService that no request can reach: an earlier route takes every request
 * (it has no match, or a match with no narrowing condition), or each of its matches is already
 * taken by earlier routes. Istio's webhook warns about the same thing (IST0130).
 */
export const virtualServiceUnreachableRoute: Rule = {
  id: 'virtualservice-unreachable-route',
  severity: Severity.WARNING,
  istioCode: 'IST0130',
  summary: 'A VirtualService route comes after a catch-all route, or all of its matches are taken by earlier routes, so it is never used.',
  check(model: MeshModel, report: Report): void {
    for (const u of analyzeRouteOrder(model).unreachable) {
      report({ object: u.vs, path: ['spec', u.kind, u.routeIndex], message: u.message, fix: u.fix });
    }
  },
};
