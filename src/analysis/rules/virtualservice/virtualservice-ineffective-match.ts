import { Severity } from '../../diagnostic';
import { analyzeRouteOrder } from '../../facts/route-order';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const virtualServiceIneffectiveMatch: Rule = {
  id: 'virtualservice-ineffective-match',
  kinds: ['VirtualService'],
  severity: Severity.INFO,
  istioCode: 'IST0131',
  summary: 'A VirtualService match repeats, or is included in, a match of an earlier route, so it never selects a request.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message VirtualServiceIneffectiveMatch (IST0131)',
  docs: 'A match entry of a VirtualService route that can never select a request because an earlier\n' +
    'route has the same match (Istio\'s IST0131), or an earlier match includes it (a shorter URI\n' +
    'prefix with the same other conditions).',
  fields: 'spec.http[].match[]',
  fix: 'Remove the match, or move its route above the route that already takes it.',
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
