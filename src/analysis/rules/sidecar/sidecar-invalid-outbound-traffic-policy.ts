import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidOutboundTrafficPolicy = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-outbound-traffic-policy',
  kinds: ['Sidecar'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar outboundTrafficPolicy sets egressProxy without mode ALLOW_ANY, or an egress proxy without valid host or port.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateSidecar and helpers',
  docs: 'A Sidecar outboundTrafficPolicy sets egressProxy without mode ALLOW_ANY, or an egress proxy without valid host or port.\n' +
    'Istio\'s validation webhook (ValidateSidecar and helpers) rejects such an object, so the API server never stores it.',
  fields: 'spec.outboundTrafficPolicy',
  fix: 'Use egressProxy only with ALLOW_ANY and a valid host and port.',
  category: 'outbound',
  objects: sidecars,
  problems: sidecarProblems,
});
