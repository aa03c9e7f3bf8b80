import { parse as parseCel } from '@bufbuild/cel';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { MeshModel, PodTemplateRecord, TELEMETRY_GROUP } from '../../model';
import { Finding, Report, Rule } from '../../rule';
import { meshConfigOf } from '../edge/mesh-config';
import { describeWorkload, formatLabels, hasTargetRef, listSome } from '../security/common';
import { arrayOf, qualifiedName } from '../virtualservice-routes';

export function telemetries(model: MeshModel): ObjectRecord[] {
  return model.ofKind(TELEMETRY_GROUP, 'Telemetry');
}

/** Whether the Telemetry has a `selector` object (even without labels). */
function hasSelector(t: ObjectRecord): boolean {
  return isPlainObject(t.spec) && isPlainObject(t.spec.selector);
}

function selectorLabels(t: ObjectRecord): Record<string, string> {
  return isPlainObject(t.spec) && isPlainObject(t.spec.selector) ? stringMap(t.spec.selector.matchLabels) : {};
}

/** Telemetries that select workloads by labels (istioctl ignores selector-less ones here). */
function labelSelecting(model: MeshModel): Array<{ t: ObjectRecord; selector: Record<string, string> }> {
  return telemetries(model)
    .map((t) => ({ t, selector: selectorLabels(t) }))
    .filter((x) => Object.keys(x.selector).length > 0 && !hasTargetRef(x.t));
}

/**
 * istioctl's telemetry SelectorAnalyzer, first part (IST0101 ReferencedResourceNotFound for the
 * selector): a Telemetry selector matches no pod of its namespace. Only judged in namespaces that
 * have workloads in the analysed set.
 */
export const telemetrySelectorNoWorkloads: Rule = {
  id: 'telemetry-selector-no-workloads',
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A Telemetry selector matches no workload of its namespace, so the telemetry settings apply to nothing.',
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

/**
 * istioctl's ConflictingTelemetryWorkloadSelectors (IST0159): several Telemetries select the
 * same workload, and which one applies is undefined.
 */
export const telemetryConflictingSelectors: Rule = {
  id: 'telemetry-conflicting-selectors',
  severity: Severity.ERROR,
  istioCode: 'IST0159',
  summary: 'Several Telemetry resources with selectors select the same workload, so which one applies is undefined.',
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

/**
 * istioctl's MultipleTelemetriesWithoutWorkloadSelectors (IST0160): several Telemetries of one
 * namespace have neither selector nor targetRef.
 */
export const telemetryMultipleWithoutSelector: Rule = {
  id: 'telemetry-multiple-without-selector',
  severity: Severity.ERROR,
  istioCode: 'IST0160',
  summary: 'Several Telemetry resources of one namespace have no selector or targetRef, so which namespace-wide one applies is undefined.',
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

/**
 * istioctl's InvalidTelemetryProvider (IST0157): an access logging entry names no provider. Istio
 * then uses `meshConfig.defaultProviders.accessLogging`, which is empty unless set at install
 * time (istioctl analyses against the default mesh config, or `--meshConfigFile`), so the entry
 * is ignored. Like istioctl, nothing is reported when the mesh config names default providers.
 */
export const telemetryAccessLoggingWithoutProvider: Rule = {
  id: 'telemetry-access-logging-without-provider',
  severity: Severity.WARNING,
  istioCode: 'IST0157',
  summary: 'A Telemetry access logging entry names no provider, so it is ignored unless the mesh config sets default access log providers.',
  check(model: MeshModel, report: Report): void {
    const defaults = meshConfigOf(model)?.config.defaultProviders;
    if (isPlainObject(defaults) && arrayOf(defaults.accessLogging).length > 0) return;
    for (const t of telemetries(model)) {
      const entries = isPlainObject(t.spec) ? arrayOf(t.spec.accessLogging) : [];
      entries.forEach((l, i) => {
        if (!isPlainObject(l) || l.disabled === true) return;
        if (arrayOf(l.providers).length > 0) return;
        report({
          object: t,
          path: ['spec', 'accessLogging', i],
          message:
            `accessLogging[${i}] names no provider, so it uses meshConfig.defaultProviders.accessLogging; with Istio's default mesh config that list ` +
            'is empty and this Telemetry is ignored.',
          fix: 'Name a provider, e.g. providers: [{ name: envoy }], unless your mesh config sets defaultProviders.accessLogging.',
        });
      });
    }
  },
};

/** Kinds a Telemetry `targetRef(s)` may name (Istio's validatePolicyTargetReference). */
const TARGET_KINDS: ReadonlyArray<{ group: string; kind: string }> = [
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
];

/**
 * Istio's webhook checks of where a Telemetry applies (ValidateTelemetry: validateOneOfSelectorType,
 * validateWorkloadSelector, validatePolicyTargetReference). A selector without labels is only a
 * warning in Istio, and here.
 */
export const telemetryInvalidTarget: Rule = {
  id: 'telemetry-invalid-target',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Telemetry sets more than one of selector/targetRef/targetRefs, has an empty or wildcard selector label, or targets a kind or namespace Istio refuses.',
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

/**
 * Istio's webhook checks of Telemetry tracing, metrics and access logging that the CRD schema does
 * not express (ValidateTelemetry): empty custom tag names, tag overrides whose value does not fit
 * the operation, access log filters that are not CEL; and its warnings for more than one tracing
 * entry or provider and for empty tag override names.
 */
export const telemetryInvalidSettings: Rule = {
  id: 'telemetry-invalid-settings',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Telemetry has an empty custom tag name, a tag override value that does not fit its operation, or an access log filter that is not a CEL expression (plus Istio\'s warnings).',
  check(model: MeshModel, report: Report): void {
    for (const t of telemetries(model)) {
      if (!isPlainObject(t.spec)) continue;
      for (const f of telemetryFindings(t)) report(f);
    }
  },
};

function telemetryFindings(t: ObjectRecord): Finding[] {
  const out: Finding[] = [];
  const spec = t.spec;
  const tracing = arrayOf(spec.tracing);
  if (tracing.length > 1) {
    out.push({
      object: t,
      severity: Severity.WARNING,
      path: ['spec', 'tracing', 1],
      message: 'This Telemetry has more than one tracing entry; Istio supports only one and warns.',
      fix: 'Keep one tracing entry.',
    });
  }
  tracing.forEach((tr, i) => {
    if (!isPlainObject(tr)) return;
    if (arrayOf(tr.providers).length > 1) {
      out.push({
        object: t,
        severity: Severity.WARNING,
        path: ['spec', 'tracing', i, 'providers'],
        message: `tracing[${i}] names ${arrayOf(tr.providers).length} providers; Istio supports only one and warns.`,
        fix: 'Keep one tracing provider.',
      });
    }
    if (isPlainObject(tr.customTags) && Object.prototype.hasOwnProperty.call(tr.customTags, '')) {
      out.push({
        object: t,
        path: ['spec', 'tracing', i, 'customTags', ''],
        message: `tracing[${i}].customTags has a tag with an empty name; Istio rejects it.`,
        fix: 'Give the tag a name.',
      });
    }
  });
  arrayOf(spec.metrics).forEach((m, i) => {
    arrayOf(isPlainObject(m) ? m.overrides : undefined).forEach((o, j) => {
      const tags = isPlainObject(o) && isPlainObject(o.tagOverrides) ? o.tagOverrides : {};
      for (const [name, to] of Object.entries(tags)) {
        const path = ['spec', 'metrics', i, 'overrides', j, 'tagOverrides', name];
        if (name === '') {
          out.push({ object: t, severity: Severity.WARNING, path, message: 'A tag override has an empty tag name (Istio warns).', fix: 'Name the tag to override.' });
        }
        if (!isPlainObject(to)) continue;
        const operation = typeof to.operation === 'string' ? to.operation : 'UPSERT';
        const value = typeof to.value === 'string' ? to.value : '';
        if (operation === 'UPSERT' && value === '') {
          out.push({ object: t, path, message: `Tag override "${name}" upserts no value; Istio rejects an UPSERT without value.`, fix: 'Set value (a CEL expression), or use operation: REMOVE.' });
        } else if (operation === 'REMOVE' && value !== '') {
          out.push({ object: t, path: [...path, 'value'], message: `Tag override "${name}" removes the tag but sets a value; Istio only accepts a value with UPSERT.`, fix: 'Remove value, or use operation: UPSERT.' });
        }
      }
    });
  });
  arrayOf(spec.accessLogging).forEach((l, i) => {
    const expression = isPlainObject(l) && isPlainObject(l.filter) ? l.filter.expression : undefined;
    if (typeof expression !== 'string' || expression === '') return;
    try {
      parseCel(expression);
    } catch (e) {
      out.push({
        object: t,
        path: ['spec', 'accessLogging', i, 'filter', 'expression'],
        message: `accessLogging[${i}].filter.expression ${JSON.stringify(expression)} is not a CEL expression (${(e as Error).message.split('\n')[0]}); Istio rejects it.`,
        fix: 'Write a CEL expression over Envoy attributes, e.g. response.code >= 400.',
      });
    }
  });
  return out;
}

export const TELEMETRY_PARITY_RULES: readonly Rule[] = [
  telemetryInvalidTarget,
  telemetryInvalidSettings,
  telemetrySelectorNoWorkloads,
  telemetryConflictingSelectors,
  telemetryMultipleWithoutSelector,
  telemetryAccessLoggingWithoutProvider,
];
