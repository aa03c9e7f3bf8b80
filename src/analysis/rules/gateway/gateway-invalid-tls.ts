import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayInvalidTls = categoryRule<GatewayCategory>({
  id: 'gateway-invalid-tls',
  kinds: ['Gateway'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway server\'s TLS settings do not fit its protocol or mode: HTTPS/TLS without tls, TLS on a plain port, certificates with ISTIO_MUTUAL, several certificate sources, or a misplaced caCrl.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions',
  docs: 'A Gateway server\'s TLS settings do not fit its protocol or mode: HTTPS/TLS without tls, TLS on a plain port, certificates with ISTIO_MUTUAL, several certificate sources, or a misplaced caCrl.\n' +
    'Istio\'s validation webhook (ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions) rejects such an object, so the API server never stores it.',
  fields: 'spec.servers[].tls',
  fix: 'Match TLS settings to the protocol and mode (certificates for SIMPLE/MUTUAL, none for ISTIO_MUTUAL).',
  category: 'tls',
  objects: gateways,
  problems: gatewayProblems,
});
