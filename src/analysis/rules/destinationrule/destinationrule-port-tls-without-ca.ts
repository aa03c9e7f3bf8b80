import { Severity } from '../../diagnostic';
import { caRule } from '../../facts/destinationrule-ca';

export const destinationRulePortTlsWithoutCa = caRule({
  id: 'destinationrule-port-tls-without-ca',
  kinds: ['DestinationRule'],
  istioCode: 'IST0129',
  portLevel: true,
  summary: 'A DestinationRule port-level setting originates SIMPLE or MUTUAL TLS without caCertificates (a credentialName counts only with a workloadSelector).',
  severity: Severity.WARNING,
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message NoServerCertificateVerificationPortLevel (IST0129)',
  docs: 'istioctl\'s CaCertificateAnalyzer (NoServerCertificateVerificationPortLevel, IST0129, a Warning), with its condition: SIMPLE or MUTUAL on a port without caCertificates, unless credentialName is set on a DestinationRule with a workloadSelector (without one only gateways read credentialName). Lint also applies it to subsets\' ports, which istioctl does not read.',
  fields: 'trafficPolicy.portLevelSettings[].tls',
  fix: 'Set caCertificates on the port, or credentialName (a Secret with ca.crt) together with a workloadSelector.',
});
