/**
 * Istio objects istioctl cannot decode: a field of the wrong JSON type, an enum field holding a
 * name the enum does not have, or a duration field whose string Go's `time.ParseDuration` refuses. `istioctl analyze` skips such an object with a warning
 * ("failed parsing JSON for built-in type ... - skipping") and the API server rejects it, so it
 * never takes part in a conflict with other objects. The object's own errors are reported by the
 * schema and webhook rules; the cross-object rules leave it out.
 */
import { schemaFindings } from './schema-findings';
import { ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { httpRoutesOf, objectAt } from '../resources/http-routes';
import { FIELDS } from '../validation/virtualservice';
import { parseDuration } from '../validators/duration';

/** The objects of the model istioctl cannot decode. */
function undecodableObjects(model: MeshModel): ReadonlySet<ObjectRecord> {
  return model.memo('undecodableObjects', (m) => {
    const out = new Set<ObjectRecord>();
    const findings = schemaFindings(m);
    // Protobuf's JSON decoding fails on a value of the wrong type and on an enum name it does not know.
    for (const rule of ['schema-type-mismatch', 'schema-invalid-enum']) {
      for (const f of findings.get(rule) ?? []) out.add(f.object);
    }
    for (const vs of m.virtualServices()) {
      if (out.has(vs)) continue;
      const badDuration = httpRoutesOf(vs).some((r) => FIELDS.some((field) => {
        const parent = field.path.slice(0, -1).reduce<Record<string, any> | undefined>((o, k) => objectAt(o, k), r.route);
        const value = parent?.[field.path[field.path.length - 1]];
        return typeof value === 'string' && !parseDuration(value).ok;
      }));
      if (badDuration) out.add(vs);
    }
    return out;
  });
}

/** Whether istioctl can decode the object (see the module comment). */
export function isDecodable(model: MeshModel, object: ObjectRecord): boolean {
  return !undecodableObjects(model).has(object);
}
