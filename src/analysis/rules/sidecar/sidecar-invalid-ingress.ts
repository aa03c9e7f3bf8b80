import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { SidecarCategory, sidecarProblems, sidecars } from '../../validation/sidecar';

export const sidecarInvalidIngress = categoryRule<SidecarCategory>({
  id: 'sidecar-invalid-ingress',
  kinds: ['Sidecar'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Sidecar ingress listener has no or a repeated port, a bad bind or defaultEndpoint, TLS settings a sidecar does not support, or an invalid connection pool.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateSidecar and helpers',
  docs: 'A Sidecar ingress listener has no or a repeated port, a bad bind or defaultEndpoint, TLS settings a sidecar does not support, or an invalid connection pool.\n' +
    'Istio\'s validation webhook (ValidateSidecar and helpers) rejects such an object, so the API server never stores it.',
  fields: 'spec.ingress[]',
  fix: 'Give listeners unique valid ports, binds and endpoints, and only TLS settings sidecars support.',
  category: 'ingress',
  objects: sidecars,
  problems: sidecarProblems,
});
