import { ANNOTATION_RULES } from './annotations';
import { DESTINATION_RULE_PARITY_RULES } from './destinationrule-rules';
import { DESTINATION_RULE_WEBHOOK_RULES } from './destinationrule-webhook';
import { ENVOY_FILTER_PARITY_RULES } from './envoyfilter-rules';
import { GATEWAY_PARITY_RULES } from './gateway-rules';
import { PLATFORM_PARITY_RULES } from './platform-rules';
import { TELEMETRY_PARITY_RULES } from './telemetry-rules';
import { VIRTUAL_SERVICE_PARITY_RULES } from './virtualservice-rules';
import { VIRTUAL_SERVICE_WEBHOOK_RULES } from './virtualservice-webhook';
import { WEBHOOK_CONFIGURATION_RULES } from './webhook-configuration-rules';
import { WORKLOAD_RULES } from './workload-rules';
import { Rule } from '../../rule';

/**
 * Parity with `istioctl analyze`: the offline analyzers not covered by the kind-specific rule
 * groups (annotations, workloads and their Services, destination hosts and ports, gateways,
 * telemetry, deprecations), plus the checks of Istio's validation webhook for VirtualService,
 * DestinationRule and Telemetry that the schema and the other groups do not make.
 * docs/rules.md maps every istioctl analyzer and webhook check to the rule that covers it.
 */
export const PARITY_RULES: readonly Rule[] = [
  // Webhook parity not covered by the kind-specific groups
  ...VIRTUAL_SERVICE_WEBHOOK_RULES,
  ...DESTINATION_RULE_WEBHOOK_RULES,
  // istioctl analyzers
  ...ANNOTATION_RULES,
  ...WORKLOAD_RULES,
  ...VIRTUAL_SERVICE_PARITY_RULES,
  ...DESTINATION_RULE_PARITY_RULES,
  ...GATEWAY_PARITY_RULES,
  ...TELEMETRY_PARITY_RULES,
  ...PLATFORM_PARITY_RULES,
  ...ENVOY_FILTER_PARITY_RULES,
  ...WEBHOOK_CONFIGURATION_RULES,
];
