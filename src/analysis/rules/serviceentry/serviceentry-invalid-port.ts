import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidPort = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-port',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry port repeats a name or number, has a name that is not a DNS label, an unknown protocol, or a number outside 1..65535.',
  category: 'port',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
