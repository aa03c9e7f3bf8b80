import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { httpRoutesOf, objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { bodySize, LARGE_BODY, MAX_BODY } from '../../validation/virtualservice';

export const virtualServiceLargeDirectResponse: Rule = {
  id: 'virtualservice-large-direct-response',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A VirtualService directResponse body is over 100KiB (Istio warns: large bodies slow the control plane).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Direct-response bodies between 100 KiB and 1 MiB: Istio accepts them with a warning, since every\n' +
    'proxy receives them in its configuration. Kept a warning, as in Istio.',
  fields: 'spec.http[].directResponse.body',
  fix: 'Keep bodies under 100 KiB; serve large content from a service.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const size = bodySize(objectAt(r.route, 'directResponse')?.body);
        if (size === undefined || size <= LARGE_BODY || size > MAX_BODY) continue;
        report({
          object: vs,
          path: [...r.path, 'directResponse', 'body'],
          message: `${r.label}: the directResponse body is ${size} bytes (over 100 KiB); Istio accepts it with a warning, as it is pushed to every proxy and slows the control plane.`,
          fix: 'Keep direct responses small; serve large content from a workload.',
        });
      }
    }
  },
};
