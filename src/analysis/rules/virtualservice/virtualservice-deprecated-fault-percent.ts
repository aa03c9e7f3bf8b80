import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const virtualServiceDeprecatedFaultPercent: Rule = {
  id: 'virtualservice-deprecated-fault-percent',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0002',
  summary: 'A VirtualService fault delay uses the deprecated integer percent field instead of percentage.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message Deprecated (IST0002)',
  docs: 'istioctl\'s deprecation analyzer (IST0002) for VirtualServices: fault.delay.percent.',
  fields: 'spec.http[].fault.delay.percent',
  fix: 'Write percentage: { value: … } instead.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      const routes = isPlainObject(vs.spec) ? arrayOf(vs.spec.http) : [];
      routes.forEach((r, i) => {
        const delay = isPlainObject(r) && isPlainObject(r.fault) && isPlainObject(r.fault.delay) ? r.fault.delay : undefined;
        if (!delay || typeof delay.percent !== 'number' || delay.percent <= 0) return;
        report({
          object: vs,
          path: ['spec', 'http', i, 'fault', 'delay', 'percent'],
          message: `http[${i}].fault.delay.percent is deprecated.`,
          fix: `Write percentage: { value: ${delay.percent} } instead.`,
        });
      });
    }
  },
};
