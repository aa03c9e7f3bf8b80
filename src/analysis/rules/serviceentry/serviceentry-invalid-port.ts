import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidPort = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-port',
  kinds: ['ServiceEntry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry port repeats a name or number, has a name that is not a DNS label, an unknown protocol, or a number outside 1..65535.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry port repeats a name or number, has a name that is not a DNS label, an unknown protocol, or a number outside 1..65535.\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) rejects such an object, so the API server never stores it.',
  fields: 'spec.ports[]',
  fix: 'Give ports unique DNS-label names and numbers 1..65535 with a known protocol.',
  category: 'port',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
