import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryDnsUnresolvableHost = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-dns-unresolvable-host',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry with DNS or DNS_ROUND_ROBIN resolution and no endpoints has a host DNS cannot resolve (a wildcard or an invalid name).',
  category: 'dns',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
