import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarIgnoredSetting = categoryRule<SidecarCategory>({
  id: 'sidecar-ignored-setting',
  kinds: ['Sidecar'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A Sidecar setting Istio accepts with a warning: workloadSelector without labels, repeated egress hosts, "*/*" with other hosts, HTTP pool settings on a non-HTTP port, ignored TLS settings.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateSidecar and helpers',
  docs: 'A Sidecar setting Istio accepts with a warning: workloadSelector without labels, repeated egress hosts, "*/*" with other hosts, HTTP pool settings on a non-HTTP port, ignored TLS settings.\n' +
    'Istio\'s validation webhook (ValidateSidecar and helpers) accepts the object with a warning.',
  fields: 'spec',
  fix: 'Remove the setting Istio ignores (the message names it).',
  category: 'warning',
  objects: sidecars,
  problems: sidecarProblems,
});
