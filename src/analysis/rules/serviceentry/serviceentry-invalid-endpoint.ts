import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidEndpoint = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-endpoint',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'ServiceEntry endpoints that do not fit its resolution: endpoints with NONE or with workloadSelector, non-IP addresses with STATIC, several with DNS_ROUND_ROBIN, unknown port names.',
  category: 'endpoint',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
