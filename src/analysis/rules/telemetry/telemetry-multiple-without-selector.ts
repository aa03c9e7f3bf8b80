import { Severity } from '../../diagnostic';
import { hasSelector, telemetries } from '../../facts/telemetry';
import { ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { hasTargetRef } from '../../resources/workloads';
import { Report, Rule } from '../../rule';

export const telemetryMultipleWithoutSelector: Rule = {
  id: 'telemetry-multiple-without-selector',
  kinds: ['Telemetry'],
  severity: Severity.ERROR,
  istioCode: 'IST0160',
  summary: 'Several Telemetry resources of one namespace have no selector or targetRef, so which namespace-wide one applies is undefined.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message MultipleTelemetriesWithoutWorkloadSelectors (IST0160)',
  docs: 'istioctl\'s MultipleTelemetriesWithoutWorkloadSelectors (IST0160): several Telemetries of one\n' +
    'namespace have neither selector nor targetRef.',
  fields: 'spec.selector, spec.targetRefs',
  fix: 'Keep one Telemetry without selector per namespace.',
  check(model: MeshModel, report: Report): void {
    const byNamespace = new Map<string, ObjectRecord[]>();
    for (const t of telemetries(model)) {
      if (hasSelector(t) || hasTargetRef(t)) continue;
      const list = byNamespace.get(t.namespace) ?? [];
      list.push(t);
      byNamespace.set(t.namespace, list);
    }
    for (const [ns, list] of byNamespace) {
      if (list.length < 2) continue;
      for (const t of list) {
        report({
          object: t,
          path: ['metadata', 'name'],
          message:
            `Telemetries ${list.map((o) => o.name).join(', ')} in namespace ${ns} all have no selector or targetRef; ` +
            `only one namespace-wide${ns === model.rootNamespace ? ' (here: mesh-wide)' : ''} Telemetry takes effect, and which one is undefined.`,
          fix: 'Merge them into one Telemetry, or give all but one a selector or targetRefs.',
        });
      }
    }
  },
};
