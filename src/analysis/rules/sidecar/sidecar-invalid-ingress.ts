import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidIngress = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-ingress',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar ingress listener has no or a repeated port, a bad bind or defaultEndpoint, TLS settings a sidecar does not support, or an invalid connection pool.',
  category: 'ingress',
  objects: sidecars,
  problems: sidecarProblems,
});
