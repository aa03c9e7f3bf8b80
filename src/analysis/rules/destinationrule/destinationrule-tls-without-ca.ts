import { Severity } from '../../diagnostic';
import { caRule } from '../../facts/destinationrule-ca';

export const destinationRuleTlsWithoutCa = caRule({
  id: 'destinationrule-tls-without-ca',
  kinds: ['DestinationRule'],
  istioCode: 'IST0128',
  portLevel: false,
  summary: 'A DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates (nor credentialName), so the server certificate is not checked against your CA.',
  severity: Severity.WARNING,
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message NoServerCertificateVerificationDestinationLevel (IST0128)',
  docs: 'istioctl\'s NoServerCertificateVerificationDestinationLevel (IST0128), also applied to subsets.',
  fields: 'trafficPolicy.tls',
  fix: 'Set caCertificates or credentialName (with ca.crt); insecureSkipVerify: true only on purpose.',
});
