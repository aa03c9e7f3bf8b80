import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidOutboundTrafficPolicy = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-outbound-traffic-policy',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar outboundTrafficPolicy sets egressProxy without mode ALLOW_ANY, or an egress proxy without valid host or port.',
  category: 'outbound',
  objects: sidecars,
  problems: sidecarProblems,
});
