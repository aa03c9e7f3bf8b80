import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidExportTo = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-export-to',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry exportTo repeats an entry, has an entry that is not ".", "*", "~" or a namespace, or mixes "*" or "~" with other entries.',
  category: 'export-to',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
