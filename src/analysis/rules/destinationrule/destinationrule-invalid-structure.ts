import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { structureFindings } from '../../validation/destinationrule';

export const destinationRuleInvalidStructure: Rule = {
  id: 'destinationrule-invalid-structure',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule host is not a domain, a subset name is invalid or repeated, subset labels are invalid, a traffic policy is empty, a port-level setting has no port, or tunnel/proxyProtocol settings are invalid.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Istio\'s webhook checks of a DestinationRule\'s host, subsets and traffic-policy structure\n' +
    '(ValidateDestinationRule, validateSubset, validateTrafficPolicy, validatePortTrafficPolicies,\n' +
    'validateTunnelSettings): the host is a domain name (not empty), subset names are non-empty DNS\n' +
    'labels and unique, subset labels are valid labels, a traffic policy (or port-level setting) sets\n' +
    'something, a port-level setting names its port, tunnel and proxyProtocol are not combined, a\n' +
    'tunnel uses CONNECT or POST towards a valid host and port (proxyProtocol\'s version is a schema enum).',
  fields: 'spec.host, spec.subsets, traffic policies',
  fix: 'Fix the host, subset names and labels; give every traffic policy (and port-level setting) a setting and a port.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      if (!isPlainObject(dr.spec)) continue;
      for (const f of structureFindings(dr)) report(f);
    }
  },
};
