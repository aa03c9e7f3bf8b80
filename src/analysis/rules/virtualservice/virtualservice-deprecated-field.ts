import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

/**
 * Deprecated VirtualService fields that Istio's validation webhook accepts with a warning:
 * `mirrorPercent` (use `mirrorPercentage`). Kept a warning, as in Istio.
 */
export const virtualServiceDeprecatedField: Rule = {
  id: 'virtualservice-deprecated-field',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A VirtualService uses the deprecated mirrorPercent (Istio warns; use mirrorPercentage).',
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
