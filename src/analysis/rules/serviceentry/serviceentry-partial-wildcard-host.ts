import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryPartialWildcardHost = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-partial-wildcard-host',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A ServiceEntry host has a "*" that is not a leading "*." label (Istio warns; it matches literally).',
  category: 'partial-wildcard',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
