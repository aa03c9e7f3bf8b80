import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarIgnoredSetting = categoryRule<SidecarCategory>({
  id: 'sidecar-ignored-setting',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A Sidecar setting Istio accepts with a warning: workloadSelector without labels, repeated egress hosts, "*/*" with other hosts, HTTP pool settings on a non-HTTP port, ignored TLS settings.',
  category: 'warning',
  objects: sidecars,
  problems: sidecarProblems,
});
