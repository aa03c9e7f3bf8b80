import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayInvalidTls = categoryRule<GatewayCategory>({
  id: 'gateway-invalid-tls',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway server\'s TLS settings do not fit its protocol or mode: HTTPS/TLS without tls, TLS on a plain port, certificates with ISTIO_MUTUAL, several certificate sources, or a misplaced caCrl.',
  category: 'tls',
  objects: gateways,
  problems: gatewayProblems,
});
