import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidEgress = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-egress',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar egress listener has no hosts or a host not of the form namespace/dnsName, a misplaced catch-all listener, or a bad port, bind or unix socket.',
  category: 'egress',
  objects: sidecars,
  problems: sidecarProblems,
});
