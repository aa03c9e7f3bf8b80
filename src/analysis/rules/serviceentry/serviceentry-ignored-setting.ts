import { Severity } from '../../diagnostic';
import { categoryRule } from '../../validation/category-rule';
import { serviceEntries, ServiceEntryCategory, serviceEntryProblems } from '../../validation/serviceentry';

export const serviceEntryIgnoredSetting = categoryRule<ServiceEntryCategory>({
  id: 'serviceentry-ignored-setting',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A ServiceEntry setting Istio accepts with a warning: workloadSelector without labels or with NONE/DNS resolution, an endpoint with only a network, addresses with a TCP port and several hosts.',
  category: 'warning',
  objects: serviceEntries,
  problems: serviceEntryProblems,
});
