import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { stringMatchesOf } from '../../validation/virtualservice';

export const virtualServiceEmptyPrefixMatch: Rule = {
  id: 'virtualservice-empty-prefix-match',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService scheme/method/authority/header/query-parameter match has an empty prefix.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'String matches with an empty `prefix` in `scheme`, `method`, `authority`, `headers`,\n' +
    '`withoutHeaders` or `queryParams`: Istio\'s webhook refuses them (Envoy\'s string matcher needs a\n' +
    'non-empty prefix). An empty `uri` prefix is allowed and matches every path.',
  fields: 'match[] StringMatch prefix',
  fix: 'Give the prefix a value, or remove the condition.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const sm of stringMatchesOf(vs)) {
        if (!sm.prefixMustBeNonEmpty || sm.match.prefix !== '') continue;
        const isHeader = sm.path.includes('headers') || sm.path.includes('withoutHeaders') || sm.path.includes('queryParams');
        report({
          object: vs,
          path: [...sm.path, 'prefix'],
          message: `${sm.label}: ${sm.field}.prefix is the empty string ""; Istio's validation webhook rejects an empty prefix here.`,
          fix: isHeader
            ? 'To match any value of a present header or parameter use regex: ".*" (or withoutHeaders to require absence); otherwise write the prefix.'
            : 'Write the prefix to match, or remove this match field to match every value.',
        });
      }
    }
  },
};
