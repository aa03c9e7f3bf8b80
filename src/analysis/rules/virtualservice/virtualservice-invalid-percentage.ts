import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf, objectAt } from '../../resources/http-routes';
import { arrayOf } from '../../resources/virtualservice';
import { Finding, Report, Rule } from '../../rule';
import { faultPercentageProblem } from '../../validators/http';

export const virtualServiceInvalidPercentage: Rule = {
  id: 'virtualservice-invalid-percentage',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService fault or mirror percentage is outside 0..100 (or a fault percentage is below 0.0001 but not 0).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Percentages Istio\'s validation webhook refuses: `fault.delay.percentage` and\n' +
    '`fault.abort.percentage` must be 0 or within [0.0001, 100]; `mirrorPercentage`,\n' +
    '`mirrors[].percentage` and the deprecated `mirrorPercent` must be within 0..100.',
  fields: 'fault.*.percentage, mirrorPercentage, mirrors[].percentage',
  fix: 'Use 0, or a value from 0.0001 to 100.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const found: Array<Omit<Finding, 'object'>> = [];
        const fault = objectAt(r.route, 'fault');
        for (const kind of ['delay', 'abort'] as const) {
          const pct = objectAt(objectAt(fault, kind), 'percentage');
          if (!pct || typeof pct.value !== 'number') continue;
          const problem = faultPercentageProblem(pct.value);
          if (problem) {
            found.push({
              path: [...r.path, 'fault', kind, 'percentage', 'value'],
              message: `${r.label}: fault.${kind}.percentage.value ${problem}; Istio accepts 0 or a value from 0.0001 to 100.`,
              fix: pct.value < 0 || pct.value > 100
                ? 'Give the share of requests as a percentage from 0.0001 to 100 (100 = every request, 0 = none).'
                : 'Use 0 to turn the fault off, or at least 0.0001.',
            });
          }
        }
        const mirror = (value: unknown, path: Array<string | number>, field: string) => {
          if (typeof value !== 'number' || (value >= 0 && value <= 100)) return;
          found.push({
            path,
            message: `${r.label}: ${field} ${value} is outside 0..100; Istio's validation webhook rejects it.`,
            fix: 'Give the share of requests to mirror as a percentage from 0 to 100 (e.g. 10 for one request in ten).',
          });
        };
        const mp = objectAt(r.route, 'mirrorPercentage');
        if (mp) mirror(mp.value, [...r.path, 'mirrorPercentage', 'value'], 'mirrorPercentage.value');
        const legacy = r.route.mirrorPercent;
        mirror(isPlainObject(legacy) ? legacy.value : legacy, [...r.path, 'mirrorPercent'], 'mirrorPercent');
        arrayOf(r.route.mirrors).forEach((m, j) => {
          const pct = objectAt(m, 'percentage');
          if (pct) mirror(pct.value, [...r.path, 'mirrors', j, 'percentage', 'value'], `mirrors[${j}].percentage.value`);
        });
        for (const f of found) report({ object: vs, ...f });
      }
    }
  },
};
