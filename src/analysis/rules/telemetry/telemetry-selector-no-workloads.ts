import { Severity } from '../../diagnostic';
import { labelSelecting } from '../../facts/telemetry';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { formatLabels } from '../../text';

export const telemetrySelectorNoWorkloads: Rule = {
  id: 'telemetry-selector-no-workloads',
  kinds: ['Telemetry'],
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A Telemetry selector matches no workload of its namespace, so the telemetry settings apply to nothing.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'istioctl\'s telemetry SelectorAnalyzer, first part (IST0101 ReferencedResourceNotFound for the\n' +
    'selector): a Telemetry selector matches no pod of its namespace. Only judged in namespaces that\n' +
    'have workloads in the analysed set.',
  fields: 'spec.selector.matchLabels',
  fix: 'Use the pod template labels of the workload, in the Telemetry\'s namespace.',
  check(model: MeshModel, report: Report): void {
    for (const { t, selector } of labelSelecting(model)) {
      if (!model.hasWorkloadsIn(t.namespace)) continue;
      if (model.podTemplatesMatching(t.namespace, selector).length > 0) continue;
      report({
        object: t,
        path: ['spec', 'selector', 'matchLabels'],
        message: `Selector ${formatLabels(selector)} matches no workload of namespace ${t.namespace}, so this Telemetry applies to nothing.`,
        fix: 'Use the labels of the pod template of the workload you mean, or create the Telemetry in that workload\'s namespace.',
      });
    }
  },
};
