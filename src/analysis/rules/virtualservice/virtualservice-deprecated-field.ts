import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

export const virtualServiceDeprecatedField: Rule = {
  id: 'virtualservice-deprecated-field',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A VirtualService uses the deprecated mirrorPercent (Istio warns; use mirrorPercentage).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Deprecated VirtualService fields that Istio\'s validation webhook accepts with a warning:\n' +
    '`mirrorPercent` (use `mirrorPercentage`). Kept a warning, as in Istio.',
  fields: 'spec.http[].mirrorPercent',
  fix: 'Write mirrorPercentage: { value: … } instead.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const legacy = r.route.mirrorPercent;
        if (legacy === undefined || legacy === null) continue;
        const value = isPlainObject(legacy) ? legacy.value : legacy;
        report({
          object: vs,
          path: [...r.path, 'mirrorPercent'],
          message: `${r.label}: mirrorPercent ${JSON.stringify(legacy)} is deprecated; Istio accepts it with a warning.`,
          fix: `Write mirrorPercentage: { value: ${typeof value === 'number' ? value : 100} } instead.`,
        });
      }
    }
  },
};
