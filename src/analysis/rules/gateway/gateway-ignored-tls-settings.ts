import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayIgnoredTlsSettings = categoryRule<GatewayCategory>({
  id: 'gateway-ignored-tls-settings',
  kinds: ['Gateway'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A Gateway server has TLS settings Istio ignores with a warning: certificates under PASSTHROUGH, unknown or repeated cipher suites, TLS 1.0/1.1 without cipherSuites, httpsRedirect on a non-HTTP server.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions',
  docs: 'A Gateway server has TLS settings Istio ignores with a warning: certificates under PASSTHROUGH, unknown or repeated cipher suites, TLS 1.0/1.1 without cipherSuites, httpsRedirect on a non-HTTP server.\n' +
    'Istio\'s validation webhook (ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions) accepts the object with a warning.',
  fields: 'spec.servers[].tls',
  fix: 'Remove the settings Istio ignores (certificates under PASSTHROUGH, bad ciphers, httpsRedirect on non-HTTP).',
  category: 'warning',
  objects: gateways,
  problems: gatewayProblems,
});
