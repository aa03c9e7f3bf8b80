import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryInvalidAddress = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-invalid-address',
  kinds: ['ServiceEntry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry address is not an IP or CIDR block, or a CIDR block is used with a resolution other than NONE or STATIC.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry address is not an IP or CIDR block, or a CIDR block is used with a resolution other than NONE or STATIC.\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) rejects such an object, so the API server never stores it.',
  fields: 'spec.addresses',
  fix: 'Write IPs or CIDR blocks; use CIDRs only with NONE or STATIC resolution.',
  category: 'address',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
