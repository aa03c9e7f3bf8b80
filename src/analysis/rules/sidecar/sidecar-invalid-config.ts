import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidConfig = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-config',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar is empty (no egress, ingress, outboundTrafficPolicy or inboundConnectionPool) or its workloadSelector has an empty key or a wildcard.',
  category: 'config',
  objects: sidecars,
  problems: sidecarProblems,
});
