import { Severity } from '../../diagnostic';
import { WEBHOOK_WARNING_CODE } from '../../istio-codes';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { exportToProblems } from '../../validators/webhook-values';

export const destinationRuleInvalidScope: Rule = {
  id: 'destinationrule-invalid-scope',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule exportTo is malformed or, with a workloadSelector, reaches beyond its namespace; or its workloadSelector has an empty or wildcard label.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Istio\'s webhook checks of a DestinationRule\'s exportTo (validateExportTo) and workloadSelector\n' +
    '(validateWorkloadSelector): the usual exportTo problems; with a workloadSelector, exportTo may\n' +
    'only name the own namespace; a selector label with an empty key or a `*` is refused, and a\n' +
    'selector without labels is a warning.' +
    '\n\nIstio\'s webhook errors carry istioctl\'s IST0106; the findings it only warns about carry IST0133 (SchemaWarning), as istioctl reports them.',
  fields: 'spec.exportTo, spec.workloadSelector',
  fix: 'List exportTo entries once; with a workloadSelector export only to "."; use exact selector labels.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      if (!isPlainObject(dr.spec)) continue;
      const exportTo: unknown[] = Array.isArray(dr.spec.exportTo) ? dr.spec.exportTo : [];
      for (const { index, problem } of exportToProblems(exportTo, dr.namespace)) {
        report({ object: dr, path: ['spec', 'exportTo', index], message: `exportTo: ${problem}; Istio rejects it.`, fix: 'List ".", "*" alone, "~" alone, or namespace names once each.' });
      }
      const ws = dr.spec.workloadSelector;
      if (!isPlainObject(ws)) continue;
      const keys = new Set(exportTo.filter((e): e is string => typeof e === 'string').map((e) => (e === '.' ? dr.namespace : e)));
      if (keys.size > 0 && (!keys.has(dr.namespace) || keys.size > 1)) {
        report({
          object: dr,
          path: ['spec', 'exportTo'],
          message: `This DestinationRule has a workloadSelector, so it may only be exported to its own namespace (${dr.namespace}); Istio rejects exportTo ${JSON.stringify(exportTo)}.`,
          fix: 'Remove exportTo, or set it to ["."].',
        });
      }
      const labels = isPlainObject(ws.matchLabels) ? ws.matchLabels : {};
      if (Object.keys(labels).length === 0) {
        report({
          object: dr,
          severity: Severity.WARNING,
          istioCode: WEBHOOK_WARNING_CODE,
          path: ['spec', 'workloadSelector'],
          message: 'The workloadSelector has no labels, so this DestinationRule applies to every workload of the namespace (Istio warns).',
          fix: 'Add matchLabels, or remove workloadSelector.',
        });
      }
      for (const [k, v] of Object.entries(labels)) {
        if (k === '' || k.includes('*') || (typeof v === 'string' && v.includes('*'))) {
          report({
            object: dr,
            path: ['spec', 'workloadSelector', 'matchLabels', k],
            message: `workloadSelector label ${JSON.stringify(k)}: ${JSON.stringify(v)} ${k === '' ? 'has an empty key' : 'contains "*"'}; Istio rejects it.`,
            fix: 'Write the exact label key and value of the client pods.',
          });
        }
      }
    }
  },
};
