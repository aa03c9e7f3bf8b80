import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidEgress = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-egress',
  kinds: ['Sidecar'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar egress listener has no hosts or a host not of the form namespace/dnsName, a misplaced catch-all listener, or a bad port, bind or unix socket.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateSidecar and helpers',
  docs: 'A Sidecar egress listener has no hosts or a host not of the form namespace/dnsName, a misplaced catch-all listener, or a bad port, bind or unix socket.\n' +
    'Istio\'s validation webhook (ValidateSidecar and helpers) rejects such an object, so the API server never stores it.',
  fields: 'spec.egress[]',
  fix: 'List hosts as namespace/dnsName; keep one catch-all listener, last.',
  category: 'egress',
  objects: sidecars,
  problems: sidecarProblems,
});
