import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayInvalidPort = categoryRule<GatewayCategory>({
  id: 'gateway-invalid-port',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway server port has an unknown protocol, a number outside 1..65535, an empty or repeated name, a targetPort, or a bind that is not an IP or unix socket.',
  category: 'port',
  objects: gateways,
  problems: gatewayProblems,
});
