import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayTlsMissingCredential = categoryRule<GatewayCategory>({
  id: 'gateway-tls-missing-credential',
  kinds: ['Gateway'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway server that terminates TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) has no credentialName and no certificate and key files (or, for mutual TLS, no client CA).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions',
  docs: 'A Gateway server that terminates TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) has no credentialName and no certificate and key files (or, for mutual TLS, no client CA).\n' +
    'Istio\'s validation webhook (ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions) rejects such an object, so the API server never stores it.',
  fields: 'spec.servers[].tls',
  fix: 'Set credentialName (or certificate files) on servers that terminate TLS.',
  category: 'credential',
  objects: gateways,
  problems: gatewayProblems,
});
