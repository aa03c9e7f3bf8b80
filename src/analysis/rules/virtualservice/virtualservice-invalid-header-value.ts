import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { httpRoutesOf } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { eachOperation, headerBlocks } from '../../validation/virtualservice';
import { headerValueProblem } from '../../validators/http';

export const virtualServiceInvalidHeaderValue: Rule = {
  id: 'virtualservice-invalid-header-value',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService header value has a control character or a malformed Envoy %VARIABLE% (a literal % must be %%).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Header values in `headers.request|response.set|add` (route and `route[]` level) that Istio\'s\n' +
    'validation webhook refuses: a control character other than tab, or Envoy\'s `%VARIABLE%`\n' +
    'syntax left unclosed (a literal percent sign must be written `%%`).',
  fields: 'headers.request/response values',
  fix: 'Remove control characters; write a literal % as %%.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        for (const block of headerBlocks(r)) {
          eachOperation(block, (_op, name, value, path, field) => {
            if (typeof value !== 'string') return;
            const problem = headerValueProblem(value);
            if (!problem) return;
            const escaped = value.replace(/%/g, '%%');
            report({
              object: vs,
              path,
              message: `${r.label}: ${field} value ${JSON.stringify(value)} of header ${JSON.stringify(name)} is invalid: ${problem}; Istio's validation webhook rejects it.`,
              fix: !problem.includes('control character')
                ? `Write ${JSON.stringify(escaped)} for a literal value, or close the variable as %NAME%.`
                : 'Remove line breaks and other control characters from the value.',
            });
          });
        }
      }
    }
  },
};
