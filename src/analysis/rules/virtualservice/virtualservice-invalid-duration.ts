import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { durationFinding, httpRoutesOf, objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { FIELDS } from '../../validation/virtualservice';

export const virtualServiceInvalidDuration: Rule = {
  id: 'virtualservice-invalid-duration',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService duration (timeout, perTryTimeout, backoff, fault delay, CORS maxAge) is not a duration, under 1ms, or not whole milliseconds.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Duration fields of HTTP routes that Istio refuses: not a duration string (the CRD\'s CEL rule\n' +
    '`duration(self) >= duration(\'1ms\')` fails), shorter than 1 ms, not a whole number of\n' +
    'milliseconds (the webhook\'s `ValidateDuration`), or for CORS `maxAge` not whole seconds.\n' +
    'Covers `timeout`, `retries.perTryTimeout`, `retries.backoff`, `fault.delay.fixedDelay`,\n' +
    '`fault.delay.exponentialDelay` and `corsPolicy.maxAge`.',
  fields: 'timeout, retries.perTryTimeout, fault.delay, corsPolicy.maxAge',
  fix: 'Write a duration of at least 1ms in whole milliseconds (maxAge in whole seconds).',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        for (const field of FIELDS) {
          const parent = field.path.length === 1 ? r.route : field.path.slice(0, -1).reduce<any>((o, k) => objectAt(o, k), r.route);
          if (!parent) continue;
          const key = field.path[field.path.length - 1];
          const value = parent[key];
          if (value === undefined || value === null) continue;
          const found = durationFinding(`${field.path.join('.')} of ${r.label}`, value, {
            wholeSeconds: field.wholeSeconds,
            whenAbsent: field.whenAbsent,
          });
          if (found) report({ object: vs, path: [...r.path, ...field.path], ...found });
        }
      }
    }
  },
};
