import { Severity } from '../../diagnostic';
import { analyzeRouteOrder } from '../../facts/route-order';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const virtualServiceUnreachableRoute: Rule = {
  id: 'virtualservice-unreachable-route',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0130',
  summary: 'A VirtualService route comes after a catch-all route, or all of its matches are taken by earlier routes, so it is never used.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message VirtualServiceUnreachableRule (IST0130)',
  docs: 'A route of a VirtualService that no request can reach: an earlier route takes every request\n' +
    '(it has no match, or a match with no narrowing condition), or each of its matches is already\n' +
    'taken by earlier routes. Istio\'s webhook warns about the same thing (IST0130).',
  fields: 'spec.http[], spec.tcp[], spec.tls[]',
  fix: 'Move the route above the catch-all or the route that takes its matches, or delete it.',
  check(model: MeshModel, report: Report): void {
    for (const u of analyzeRouteOrder(model).unreachable) {
      report({ object: u.vs, path: ['spec', u.kind, u.routeIndex], message: u.message, fix: u.fix });
    }
  },
};
