import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { referenceFindings } from '../../validation/virtualservice';

/**
 * Istio's webhook checks of destinations (validateDestination) and of match attributes
 * (validateHTTPRouteMatchRequest, validateTCPMatch, validateTLSMatch): a destination host that is
 * `*` or not a domain, a subset that is not a DNS label, a port outside 1..65535; match ports
 * outside 1..65535, destination subnets that are not IPs or CIDRs, invalid source labels, a source
 * namespace that is not a DNS label, malformed gateway names (the legacy `name.namespace` form is a
 * warning); and SNI hosts that are not domains or not covered by the VirtualService's hosts.
 */
export const virtualServiceInvalidReference: Rule = {
  id: 'virtualservice-invalid-reference',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService destination, match (port, subnets, source labels or namespace, gateway names) or SNI host is malformed, so Istio rejects it.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      if (!isPlainObject(vs.spec)) continue;
      for (const f of referenceFindings(vs)) report(f);
    }
  },
};
