import { caRule } from '../../facts/destinationrule-ca';

/** istioctl's NoServerCertificateVerificationDestinationLevel (IST0128), also applied to subsets. */
export const destinationRuleTlsWithoutCa = caRule(
  'destinationrule-tls-without-ca', 'IST0128', false,
  'A DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates (nor credentialName), so the server certificate is not checked against your CA.');
