import { parse as parseCel } from '@bufbuild/cel';
import { Severity } from '../diagnostic';
import { WEBHOOK_WARNING_CODE } from '../istio-codes';
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel, TELEMETRY_GROUP } from '../model';
import { workloadSelectorOf } from '../resources/selectors';
import { arrayOf } from '../resources/virtualservice';
import { hasTargetRef } from '../resources/workloads';
import { Finding } from '../rule';

export function telemetries(model: MeshModel): ObjectRecord[] {
  return model.ofKind(TELEMETRY_GROUP, 'Telemetry');
}

/** Whether the Telemetry has a `selector` object (even without labels). */
export function hasSelector(t: ObjectRecord): boolean {
  return isPlainObject(t.spec) && isPlainObject(t.spec.selector);
}

/** Telemetries that select workloads by labels (istioctl ignores selector-less ones here). */
export function labelSelecting(model: MeshModel): Array<{ t: ObjectRecord; selector: Record<string, string> }> {
  return telemetries(model)
    .map((t) => ({ t, selector: workloadSelectorOf(t) }))
    .filter((x) => Object.keys(x.selector).length > 0 && !hasTargetRef(x.t));
}

/** Kinds a Telemetry `targetRef(s)` may name (Istio's validatePolicyTargetReference). */
export const TARGET_KINDS: ReadonlyArray<{ group: string; kind: string }> = [
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
];

export function telemetryFindings(t: ObjectRecord): Finding[] {
  const out: Finding[] = [];
  const spec = t.spec;
  const tracing = arrayOf(spec.tracing);
  if (tracing.length > 1) {
    out.push({
      object: t,
      severity: Severity.WARNING,
      istioCode: WEBHOOK_WARNING_CODE,
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
        istioCode: WEBHOOK_WARNING_CODE,
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
          out.push({ object: t, severity: Severity.WARNING, istioCode: WEBHOOK_WARNING_CODE, path, message: 'A tag override has an empty tag name (Istio warns).', fix: 'Name the tag to override.' });
        }
        if (!isPlainObject(to)) continue;
        // The enum decodes from its name or its number (UPSERT 0, REMOVE 1); Istio checks nothing for other numbers.
        const operation = typeof to.operation === 'string' ? to.operation
          : to.operation === undefined || to.operation === null || to.operation === 0 ? 'UPSERT' : to.operation === 1 ? 'REMOVE' : 'OTHER';
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
