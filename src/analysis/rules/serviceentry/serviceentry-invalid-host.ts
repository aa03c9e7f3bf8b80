import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidHost = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-host',
  kinds: ['ServiceEntry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry has no hosts, the host "*", or a host that is not a DNS name with at most a leading wildcard.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry has no hosts, the host "*", or a host that is not a DNS name with at most a leading wildcard.\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) rejects such an object, so the API server never stores it.',
  fields: 'spec.hosts',
  fix: 'List DNS names (a leading "*." at most), not "*".',
  category: 'host',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
