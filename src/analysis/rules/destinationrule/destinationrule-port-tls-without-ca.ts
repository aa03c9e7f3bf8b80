import { Severity } from '../../diagnostic';
import { caRule } from '../../facts/destinationrule-ca';

export const destinationRulePortTlsWithoutCa = caRule({
  id: 'destinationrule-port-tls-without-ca',
  kinds: ['DestinationRule'],
  istioCode: 'IST0129',
  portLevel: true,
  summary: 'A DestinationRule port-level setting originates SIMPLE or MUTUAL TLS without caCertificates (nor credentialName).',
  severity: Severity.WARNING,
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message NoServerCertificateVerificationPortLevel (IST0129)',
  docs: 'istioctl\'s NoServerCertificateVerificationPortLevel (IST0129), also applied to subsets\' ports.',
  fields: 'trafficPolicy.portLevelSettings[].tls',
  fix: 'Set caCertificates or credentialName (with ca.crt) on the port.',
});
