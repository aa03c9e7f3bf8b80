/**
 * Istio objects istioctl cannot decode: a field of the wrong JSON type, an enum field holding a
 * name the enum does not have, an integer outside its protobuf type (a negative number in an
 * unsigned field, a number past the 32-bit range), or a duration field whose string Go's
 * `time.ParseDuration` refuses. `istioctl analyze` skips such an object with a warning
 * ("failed parsing JSON for built-in type ... - skipping") and the API server rejects it, so it
 * never takes part in a conflict with other objects, and references to it find nothing. The
 * object's own errors are reported by the schema and webhook rules; the cross-object rules leave
 * it out, and the reference rules treat it as absent.
 */
import { schemaFindings } from './schema-findings';
import { formatPath } from '../json-path';
import { ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { trafficPoliciesOf } from '../resources/destinationrule';
import { httpRoutesOf, objectAt } from '../resources/http-routes';
import { FIELDS as DR_DURATIONS } from '../validation/destinationrule';
import { FIELDS as VS_DURATIONS } from '../validation/virtualservice';
import { parseDuration } from '../validators/duration';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;

/** Why istioctl cannot decode each undecodable object of the model (the first cause found). */
function undecodableObjects(model: MeshModel): ReadonlyMap<ObjectRecord, string> {
  return model.memo('undecodableObjects', (m) => {
    const out = new Map<ObjectRecord, string>();
    const add = (object: ObjectRecord, reason: string) => {
      if (!out.has(object)) out.set(object, reason);
    };
    const findings = schemaFindings(m);
    // Protobuf's JSON decoding fails on a value of the wrong type and on an enum name it does not know.
    for (const f of findings.get('schema-type-mismatch') ?? []) {
      // Protobuf's JSON form also accepts an enum by number, even one the enum does not define,
      // so a whole number in an enum field decodes (the API server refuses it all the same).
      const value = valueAt(f.object.source.manifest, f.path);
      if (Number.isInteger(value) && m.schema.resolve(f.object.group, f.object.kind, f.object.version, f.path)?.enum) continue;
      add(f.object, `${where(f.path)} has the wrong type`);
    }
    for (const f of findings.get('schema-invalid-enum') ?? []) {
      add(f.object, `${where(f.path)} is not one of its enum's names`);
    }
    // An integer the field's protobuf type cannot hold fails decoding too. The CRDs mark int32
    // fields with `format: int32`; the other integer fields are unsigned (uint32 or uint64), so a
    // negative number never fits them. Other range limits (e.g. ports up to 65535) are the
    // webhook's and CEL's, and such objects still decode.
    for (const f of findings.get('schema-value-out-of-range') ?? []) {
      const value = valueAt(f.object.source.manifest, f.path);
      if (typeof value !== 'number') continue;
      const node = m.schema.resolve(f.object.group, f.object.kind, f.object.version, f.path);
      if (!node || node.type !== 'integer') continue;
      const fits = node.format === 'int32' ? value >= INT32_MIN && value <= INT32_MAX
        : value >= 0 && (node.maximum !== UINT32_MAX || value <= UINT32_MAX);
      if (!fits) add(f.object, `${where(f.path)} is ${value}, which its ${node.format === 'int32' ? '32-bit signed' : 'unsigned'} integer type cannot hold`);
    }
    const badDuration = (value: unknown) => typeof value === 'string' && !parseDuration(value).ok;
    for (const vs of m.virtualServices()) {
      if (out.has(vs)) continue;
      for (const r of httpRoutesOf(vs)) {
        const field = VS_DURATIONS.find((d) => badDuration(valueIn(r.route, d.path)));
        if (field) {
          add(vs, `${where([...r.path, ...field.path])} is not a duration`);
          break;
        }
      }
    }
    for (const dr of m.destinationRules()) {
      if (out.has(dr)) continue;
      for (const p of trafficPoliciesOf(dr)) {
        const field = DR_DURATIONS.find((d) => badDuration(valueIn(p.policy, d.path)));
        if (field) {
          add(dr, `${where([...p.path, ...field.path])} is not a duration`);
          break;
        }
      }
    }
    return out;
  });
}

function valueIn(root: Record<string, any> | undefined, path: ReadonlyArray<string>): unknown {
  const parent = path.slice(0, -1).reduce<Record<string, any> | undefined>((o, k) => objectAt(o, k), root);
  return parent?.[path[path.length - 1]];
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur: any = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[seg];
  }
  return cur;
}

function where(path: ReadonlyArray<string | number>): string {
  return path.length === 0 ? 'the object' : formatPath([...path]);
}

/** Whether istioctl can decode the object (see the module comment). */
export function isDecodable(model: MeshModel, object: ObjectRecord): boolean {
  return !undecodableObjects(model).has(object);
}

/**
 * Why istioctl cannot decode the object (e.g. "spec.servers[0].port.number is -1, which its
 * unsigned integer type cannot hold"), or undefined when it can.
 */
export function undecodableReason(model: MeshModel, object: ObjectRecord): string | undefined {
  return undecodableObjects(model).get(object);
}

/**
 * The words a reference rule adds when the object it looked for is in the files but istioctl
 * cannot decode it, so the reader is not told a present object is missing.
 */
export function unreadableTarget(model: MeshModel, object: ObjectRecord): string | undefined {
  const reason = undecodableReason(model, object);
  if (reason === undefined) return undefined;
  return `${object.kind} ${object.namespace}/${object.name} is in the analysed manifests, but Istio cannot decode it (${reason}), ` +
    'so it is dropped and this reference finds nothing';
}
