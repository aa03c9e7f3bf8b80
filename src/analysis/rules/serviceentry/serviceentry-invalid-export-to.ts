import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidExportTo = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-export-to',
  kinds: ['ServiceEntry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry exportTo repeats an entry, has an entry that is not ".", "*", "~" or a namespace, or mixes "*" or "~" with other entries.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry exportTo repeats an entry, has an entry that is not ".", "*", "~" or a namespace, or mixes "*" or "~" with other entries.\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) rejects such an object, so the API server never stores it.',
  fields: 'spec.exportTo',
  fix: 'List entries once; "*" or "~" alone.',
  category: 'export-to',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
