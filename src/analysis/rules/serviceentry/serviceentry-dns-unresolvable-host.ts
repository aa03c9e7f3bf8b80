import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryDnsUnresolvableHost = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-dns-unresolvable-host',
  kinds: ['ServiceEntry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry with DNS or DNS_ROUND_ROBIN resolution and no endpoints has a host DNS cannot resolve (a wildcard or an invalid name).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry with DNS or DNS_ROUND_ROBIN resolution and no endpoints has a host DNS cannot resolve (a wildcard or an invalid name).\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) rejects such an object, so the API server never stores it.',
  fields: 'spec.hosts, spec.resolution',
  fix: 'Use resolvable host names with DNS resolution, or add endpoints.',
  category: 'dns',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
