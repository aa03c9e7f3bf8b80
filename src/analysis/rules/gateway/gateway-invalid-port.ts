import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayInvalidPort = categoryRule<GatewayCategory>({
  id: 'gateway-invalid-port',
  kinds: ['Gateway'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway server port has an unknown protocol, a number outside 1..65535, an empty or repeated name, a targetPort, or a bind that is not an IP or unix socket.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions',
  docs: 'A Gateway server port has an unknown protocol, a number outside 1..65535, an empty or repeated name, a targetPort, or a bind that is not an IP or unix socket.\n' +
    'Istio\'s validation webhook (ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions) rejects such an object, so the API server never stores it.',
  fields: 'spec.servers[].port',
  fix: 'Use a known protocol, a number 1..65535, a name, and no targetPort.',
  category: 'port',
  objects: gateways,
  problems: gatewayProblems,
});
