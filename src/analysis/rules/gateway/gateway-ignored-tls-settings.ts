import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayIgnoredTlsSettings = categoryRule<GatewayCategory>({
  id: 'gateway-ignored-tls-settings',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A Gateway server has TLS settings Istio ignores with a warning: certificates under PASSTHROUGH, unknown or repeated cipher suites, TLS 1.0/1.1 without cipherSuites, httpsRedirect on a non-HTTP server.',
  category: 'warning',
  objects: gateways,
  problems: gatewayProblems,
});
