import { caRule } from '../../facts/destinationrule-ca';

/** istioctl's NoServerCertificateVerificationPortLevel (IST0129), also applied to subsets' ports. */
export const destinationRulePortTlsWithoutCa = caRule(
  'destinationrule-port-tls-without-ca', 'IST0129', true,
  'A DestinationRule port-level setting originates SIMPLE or MUTUAL TLS without caCertificates (nor credentialName).');
