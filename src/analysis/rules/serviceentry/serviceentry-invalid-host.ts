import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidHost = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-host',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry has no hosts, the host "*", or a host that is not a DNS name with at most a leading wildcard.',
  category: 'host',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
