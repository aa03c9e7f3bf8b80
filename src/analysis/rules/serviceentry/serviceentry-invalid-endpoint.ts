import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidEndpoint = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-endpoint',
  kinds: ['ServiceEntry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'ServiceEntry endpoints that do not fit its resolution: endpoints with NONE or with workloadSelector, non-IP addresses with STATIC, several with DNS_ROUND_ROBIN, unknown port names.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'ServiceEntry endpoints that do not fit its resolution: endpoints with NONE or with workloadSelector, non-IP addresses with STATIC, several with DNS_ROUND_ROBIN, unknown port names.\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) rejects such an object, so the API server never stores it.',
  fields: 'spec.endpoints[]',
  fix: 'Match endpoints to the resolution (IPs for STATIC, none for NONE, at most one for DNS_ROUND_ROBIN) and to declared port names.',
  category: 'endpoint',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
