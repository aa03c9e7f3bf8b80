import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { referenceFindings } from '../../validation/virtualservice';

export const virtualServiceInvalidReference: Rule = {
  id: 'virtualservice-invalid-reference',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService destination, match (port, subnets, source labels or namespace, gateway names) or SNI host is malformed, so Istio rejects it.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Istio\'s webhook checks of destinations (validateDestination) and of match attributes\n' +
    '(validateHTTPRouteMatchRequest, validateTCPMatch, validateTLSMatch): a destination host that is\n' +
    '`*` or not a domain, a subset that is not a DNS label, a port outside 1..65535; match ports\n' +
    'outside 1..65535, destination subnets that are not IPs or CIDRs, invalid source labels, a source\n' +
    'namespace that is not a DNS label, malformed gateway names (the legacy `name.namespace` form is a\n' +
    'warning); and SNI hosts that are not domains or not covered by the VirtualService\'s hosts.',
  fields: 'destinations, match[], gateways, sniHosts',
  fix: 'Fix the malformed host, subset, port, subnet, label, namespace, gateway name or SNI host the message names.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      if (!isPlainObject(vs.spec)) continue;
      for (const f of referenceFindings(vs)) report(f);
    }
  },
};
