import { Severity } from '../../diagnostic';
import { TARGET_KINDS, telemetries } from '../../facts/telemetry';
import { WEBHOOK_WARNING_CODE } from '../../istio-codes';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const telemetryInvalidTarget: Rule = {
  id: 'telemetry-invalid-target',
  kinds: ['Telemetry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Telemetry sets more than one of selector/targetRef/targetRefs, has an empty or wildcard selector label, or targets a kind or namespace Istio refuses.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateTelemetry and helpers',
  docs: 'Istio\'s webhook checks of where a Telemetry applies (ValidateTelemetry: validateOneOfSelectorType,\n' +
    'validateWorkloadSelector, validatePolicyTargetReference). A selector without labels is only a\n' +
    'warning in Istio, and here.' +
    '\n\nIstio\'s webhook errors carry istioctl\'s IST0106; the findings it only warns about carry IST0133 (SchemaWarning), as istioctl reports them.',
  fields: 'spec.selector, spec.targetRef(s)',
  fix: 'Use either a selector with exact labels or targetRefs to a Service, ServiceEntry or Gateway of the namespace.',
  check(model: MeshModel, report: Report): void {
    for (const t of telemetries(model)) {
      if (!isPlainObject(t.spec)) continue;
      const spec = t.spec;
      const set = [isPlainObject(spec.selector) && 'selector', isPlainObject(spec.targetRef) && 'targetRef', arrayOf(spec.targetRefs).length > 0 && 'targetRefs']
        .filter((x): x is string => typeof x === 'string');
      if (set.length > 1) {
        report({
          object: t,
          path: ['spec', set[1]],
          message: `This Telemetry sets ${set.join(' and ')}; Istio accepts only one of selector, targetRef and targetRefs.`,
          fix: 'Keep targetRefs (for a gateway or waypoint) or selector (for sidecars), not both.',
        });
      }
      if (isPlainObject(spec.selector)) {
        const labels = isPlainObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
        if (Object.keys(labels).length === 0) {
          report({
            object: t,
            severity: Severity.WARNING,
            istioCode: WEBHOOK_WARNING_CODE,
            path: ['spec', 'selector'],
            message: 'This Telemetry has a selector without labels, so it applies to every workload of its namespace (Istio warns).',
            fix: 'Add matchLabels, or remove the selector to make the Telemetry namespace-wide on purpose.',
          });
        }
        for (const [k, v] of Object.entries(labels)) {
          if (k === '' || k.includes('*') || (typeof v === 'string' && v.includes('*'))) {
            report({
              object: t,
              path: ['spec', 'selector', 'matchLabels', k],
              message: `Selector label ${JSON.stringify(k)}: ${JSON.stringify(v)} ${k === '' ? 'has an empty key' : 'contains "*"'}; Istio rejects it (selectors match exact labels).`,
              fix: 'Write the exact label key and value of the pods.',
            });
          }
        }
      }
      const refs: Array<{ ref: any; path: Array<string | number> }> = [
        ...(isPlainObject(spec.targetRef) ? [{ ref: spec.targetRef, path: ['spec', 'targetRef'] }] : []),
        ...arrayOf(spec.targetRefs).map((ref, i) => ({ ref, path: ['spec', 'targetRefs', i] })),
      ];
      for (const { ref, path } of refs) {
        if (!isPlainObject(ref)) continue;
        if (typeof ref.namespace === 'string' && ref.namespace !== '') {
          report({
            object: t,
            path: [...path, 'namespace'],
            message: `targetRef namespace "${ref.namespace}" is set; Istio does not support cross-namespace targets.`,
            fix: 'Remove namespace and create the Telemetry in the target\'s namespace.',
          });
        }
        const group = typeof ref.group === 'string' ? ref.group : '';
        if (typeof ref.kind === 'string' && !TARGET_KINDS.some((k) => k.kind === ref.kind && k.group === group)) {
          report({
            object: t,
            path: [...path, 'kind'],
            message: `targetRef ${group || 'core'}/${ref.kind} is not a kind Istio can attach telemetry to.`,
            fix: 'Target a Service (group ""), a ServiceEntry (networking.istio.io) or a Gateway (gateway.networking.k8s.io).',
          });
        }
      }
    }
  },
};
