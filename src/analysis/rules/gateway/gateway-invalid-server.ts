import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayInvalidServer = categoryRule<GatewayCategory>({
  id: 'gateway-invalid-server',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway has no servers, a server with no hosts or a host Istio rejects (short name, bad namespace prefix, partial wildcard), or a name that is not a DNS label.',
  category: 'server',
  objects: gateways,
  problems: gatewayProblems,
});
