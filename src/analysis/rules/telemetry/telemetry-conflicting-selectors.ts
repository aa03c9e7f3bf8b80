import { Severity } from '../../diagnostic';
import { labelSelecting } from '../../facts/telemetry';
import { ObjectRecord } from '../../manifest';
import { MeshModel, PodTemplateRecord } from '../../model';

import { Report, Rule } from '../../rule';
import { describeWorkload, listSome, qualifiedName } from '../../text';

export const telemetryConflictingSelectors: Rule = {
  id: 'telemetry-conflicting-selectors',
  kinds: ['Telemetry'],
  severity: Severity.ERROR,
  istioCode: 'IST0159',
  summary: 'Several Telemetry resources with selectors select the same workload, so which one applies is undefined.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ConflictingTelemetryWorkloadSelectors (IST0159)',
  docs: 'istioctl\'s ConflictingTelemetryWorkloadSelectors (IST0159): several Telemetries select the\n' +
    'same workload, and which one applies is undefined.',
  fields: 'spec.selector',
  fix: 'Select each workload with one Telemetry.',
  check(model: MeshModel, report: Report): void {
    const byPod = new Map<PodTemplateRecord, ObjectRecord[]>();
    for (const { t, selector } of labelSelecting(model)) {
      for (const pod of model.podTemplatesMatching(t.namespace, selector)) {
        const list = byPod.get(pod) ?? [];
        list.push(t);
        byPod.set(pod, list);
      }
    }
    const reported = new Set<ObjectRecord>();
    for (const [pod, list] of byPod) {
      if (list.length < 2) continue;
      for (const t of list) {
        if (reported.has(t)) continue;
        reported.add(t);
        report({
          object: t,
          path: ['spec', 'selector'],
          message:
            `This Telemetry and ${listSome(list.filter((o) => o !== t).map(qualifiedName))} select the same workload ` +
            `(${describeWorkload(pod)}); Istio applies only one of them, and which one is undefined.`,
          fix: 'Merge them into one Telemetry, or narrow their selectors so that each workload is selected by one.',
        });
      }
    }
  },
};
