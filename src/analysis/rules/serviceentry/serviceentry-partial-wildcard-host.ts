import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryPartialWildcardHost = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-partial-wildcard-host',
  kinds: ['ServiceEntry'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A ServiceEntry host has a "*" that is not a leading "*." label (Istio warns; it matches literally).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry host has a "*" that is not a leading "*." label (Istio warns; it matches literally).\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) accepts the object with a warning.',
  fields: 'spec.hosts',
  fix: 'Use a leading "*." label for wildcards.',
  category: 'partial-wildcard',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
