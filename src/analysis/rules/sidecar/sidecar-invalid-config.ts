import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidConfig = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-config',
  kinds: ['Sidecar'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar is empty (no egress, ingress, outboundTrafficPolicy or inboundConnectionPool) or its workloadSelector has an empty key or a wildcard.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateSidecar and helpers',
  docs: 'A Sidecar is empty (no egress, ingress, outboundTrafficPolicy or inboundConnectionPool) or its workloadSelector has an empty key or a wildcard.\n' +
    'Istio\'s validation webhook (ValidateSidecar and helpers) rejects such an object, so the API server never stores it.',
  fields: 'spec, spec.workloadSelector',
  fix: 'Configure something (egress, ingress, outbound policy), with exact selector labels.',
  category: 'config',
  objects: sidecars,
  problems: sidecarProblems,
});
