import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryMultipleHostsTcp = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-multiple-hosts-tcp',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A ServiceEntry with several hosts and resolution other than NONE has a port that is neither HTTP nor TLS, so the hosts cannot be told apart.',
  category: 'multiple-hosts',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
