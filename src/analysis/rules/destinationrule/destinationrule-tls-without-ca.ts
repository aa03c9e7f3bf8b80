import { Severity } from '../../diagnostic';
import { caRule } from '../../facts/destinationrule-ca';

export const destinationRuleTlsWithoutCa = caRule({
  id: 'destinationrule-tls-without-ca',
  kinds: ['DestinationRule'],
  istioCode: 'IST0128',
  portLevel: false,
  summary: 'A DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates (a credentialName counts only with a workloadSelector), so the server certificate is not checked against your CA.',
  severity: Severity.WARNING,
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message NoServerCertificateVerificationDestinationLevel (IST0128)',
  docs: 'istioctl\'s CaCertificateAnalyzer (NoServerCertificateVerificationDestinationLevel, IST0128, a Warning), with its condition: SIMPLE or MUTUAL without caCertificates, unless credentialName is set on a DestinationRule with a workloadSelector. Without a workloadSelector only gateways read credentialName; istiod gives sidecars no TLS settings for it. insecureSkipVerify does not silence it (the connection is then unverified by choice). Lint also applies it to subsets, which istioctl does not read.',
  fields: 'trafficPolicy.tls',
  fix: 'Set caCertificates, or credentialName (a Secret with ca.crt) together with a workloadSelector.',
});
