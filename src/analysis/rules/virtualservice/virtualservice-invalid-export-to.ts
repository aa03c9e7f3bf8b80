import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { exportToProblems } from '../../validators/webhook-values';

export const virtualServiceInvalidExportTo: Rule = {
  id: 'virtualservice-invalid-export-to',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService exportTo lists an entry that is not ".", "*", "~" or a namespace, repeats an entry, or combines "*" or "~" with others.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Istio\'s validateExportTo for VirtualServices.',
  fields: 'spec.exportTo',
  fix: 'List ".", namespace names, or "*" (or "~") alone, each once.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      const list = isPlainObject(vs.spec) && Array.isArray(vs.spec.exportTo) ? vs.spec.exportTo : [];
      for (const { index, problem } of exportToProblems(list, vs.namespace)) {
        report({ object: vs, path: ['spec', 'exportTo', index], message: `exportTo: ${problem}; Istio rejects it.`, fix: 'List ".", "*" alone, "~" alone, or namespace names once each.' });
      }
    }
  },
};
