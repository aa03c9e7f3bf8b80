import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { structureFindings } from '../../validation/destinationrule';

/**
 * Istio's webhook checks of a DestinationRule's host, subsets and traffic-policy structure
 * (ValidateDestinationRule, validateSubset, validateTrafficPolicy, validatePortTrafficPolicies,
 * validateTunnelSettings): the host is a domain name, subset names are DNS
 * labels and unique, subset labels are valid labels, a traffic policy (or port-level setting) sets
 * something, a port-level setting names its port, tunnel and proxyProtocol are not combined, a
 * tunnel uses CONNECT or POST towards a valid host and port (proxyProtocol's version is a schema enum).
 */
export const destinationRuleInvalidStructure: Rule = {
  id: 'destinationrule-invalid-structure',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule host is not a domain, a subset name is invalid or repeated, subset labels are invalid, a traffic policy is empty, a port-level setting has no port, or tunnel/proxyProtocol settings are invalid.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      if (!isPlainObject(dr.spec)) continue;
      for (const f of structureFindings(dr)) report(f);
    }
  },
};
