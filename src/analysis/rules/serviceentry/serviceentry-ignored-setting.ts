import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryIgnoredSetting = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-ignored-setting',
  kinds: ['ServiceEntry'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A ServiceEntry setting Istio accepts with a warning: workloadSelector without labels or with NONE/DNS resolution, an endpoint with only a network, addresses with a TCP port and several hosts.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
  docs: 'A ServiceEntry setting Istio accepts with a warning: workloadSelector without labels or with NONE/DNS resolution, an endpoint with only a network, addresses with a TCP port and several hosts.\n' +
    'Istio\'s validation webhook (ValidateServiceEntry, validateWorkloadEntry, validateExportTo) accepts the object with a warning.',
  fields: 'spec',
  fix: 'Remove the setting Istio ignores (the message names it).',
  category: 'warning',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
