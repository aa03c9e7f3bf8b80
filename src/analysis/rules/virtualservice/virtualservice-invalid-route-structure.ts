import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { routeStructureFindings } from '../../validation/virtualservice';

export const virtualServiceInvalidRouteStructure: Rule = {
  id: 'virtualservice-invalid-route-structure',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService has no routes, an http route that neither forwards, redirects, responds nor delegates, a tcp/tls route without destination or SNI match, or a delegate VirtualService with gateways, tcp/tls routes, regexes or nested delegation.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Istio\'s webhook checks that a VirtualService routes somewhere: at least one of http, tcp, tls;\n' +
    'an http route forwards, redirects, answers or delegates; tcp and tls routes have destinations; a\n' +
    'tls route has a match with SNI hosts. Delegate VirtualServices (no hosts) take no gateways and\n' +
    'no tcp/tls routes, their routes cannot delegate again, and their matches cannot use regexes.',
  fields: 'spec.http/tcp/tls',
  fix: 'Give every route a destination (or a redirect, directResponse, delegate); keep delegates to plain http routes.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      if (!isPlainObject(vs.spec)) continue;
      for (const f of routeStructureFindings(vs)) report(f);
    }
  },
};
