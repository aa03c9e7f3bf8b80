import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayInvalidServer = categoryRule<GatewayCategory>({
  id: 'gateway-invalid-server',
  kinds: ['Gateway'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway has no servers, a server with no hosts or a host Istio rejects (short name, bad namespace prefix, partial wildcard), or a name that is not a DNS label.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions',
  docs: 'A Gateway has no servers, a server with no hosts or a host Istio rejects (short name, bad namespace prefix, partial wildcard), or a name that is not a DNS label.\n' +
    'Istio\'s validation webhook (ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions) rejects such an object, so the API server never stores it.',
  fields: 'spec.servers[]',
  fix: 'Give every server hosts of the form [namespace/]dnsName and the Gateway a DNS-label name.',
  category: 'server',
  objects: gateways,
  problems: gatewayProblems,
});
