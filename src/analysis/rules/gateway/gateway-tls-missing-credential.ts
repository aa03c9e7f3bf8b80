import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { GatewayCategory, gatewayProblems, gateways } from '../../validation/gateway';

export const gatewayTlsMissingCredential = categoryRule<GatewayCategory>({
  id: 'gateway-tls-missing-credential',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Gateway server that terminates TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) has no credentialName and no certificate and key files (or, for mutual TLS, no client CA).',
  category: 'credential',
  objects: gateways,
  problems: gatewayProblems,
});
