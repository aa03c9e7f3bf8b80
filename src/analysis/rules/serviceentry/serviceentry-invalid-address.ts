import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidAddress = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-address',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry address is not an IP or CIDR block, or a CIDR block is used with a resolution other than NONE or STATIC.',
  category: 'address',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
