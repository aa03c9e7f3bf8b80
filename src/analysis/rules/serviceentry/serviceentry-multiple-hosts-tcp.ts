import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryMultipleHostsTcp = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-multiple-hosts-tcp',
  kinds: ['ServiceEntry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry with several hosts and resolution other than NONE has a port that is neither HTTP nor TLS, so the hosts cannot be told apart.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry with several hosts and resolution other than NONE has a port that is neither HTTP nor TLS, so the hosts cannot be told apart.\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) rejects such an object, so the API server never stores it.',
  fields: 'spec.hosts, spec.ports',
  fix: 'Split the hosts into ServiceEntries, or use HTTP/TLS ports, or resolution NONE.',
  category: 'multiple-hosts',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
