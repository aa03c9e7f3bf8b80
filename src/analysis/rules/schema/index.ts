import { SchemaRuleId, validateIstioRecord } from './validate';
import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { Finding, Rule } from '../../rule';
import { ISTIO_API_GROUPS } from '../../schema/field-table';

export type { SchemaIssue, SchemaRuleId } from './validate';
export { validateIstioRecord } from './validate';

/**
 * Schema findings of a model, computed once per model and shared by all schema rules, so the
 * objects are walked once however many of these rules run.
 */
const findingsByModel = new WeakMap<MeshModel, Map<SchemaRuleId, Finding[]>>();

function schemaFindings(model: MeshModel): Map<SchemaRuleId, Finding[]> {
  let byRule = findingsByModel.get(model);
  if (!byRule) {
    byRule = new Map();
    for (const object of model.objects) {
      if (!ISTIO_API_GROUPS.includes(object.group)) continue;
      for (const issue of validateIstioRecord(object)) {
        const list = byRule.get(issue.rule) ?? [];
        list.push({ object, path: issue.path, message: issue.message, ...(issue.fix ? { fix: issue.fix } : {}) });
        byRule.set(issue.rule, list);
      }
    }
    findingsByModel.set(model, byRule);
  }
  return byRule;
}

function schemaRule(id: SchemaRuleId, summary: string): Rule {
  return {
    id,
    severity: Severity.ERROR,
    summary,
    check(model, report) {
      for (const finding of schemaFindings(model).get(id) ?? []) {
        report(finding);
      }
    },
  };
}

export const SCHEMA_UNKNOWN_KIND = schemaRule('schema-unknown-kind',
  'The kind exists in the Istio API group of its apiVersion.');

export const SCHEMA_UNKNOWN_API_VERSION = schemaRule('schema-unknown-api-version',
  'The apiVersion is one the Istio CRDs serve for the kind.');

export const SCHEMA_UNKNOWN_FIELD = schemaRule('schema-unknown-field',
  'Every field is declared by the kind\'s CRD schema (the API server rejects unknown fields under strict validation); suggests the intended field.');

export const SCHEMA_TYPE_MISMATCH = schemaRule('schema-type-mismatch',
  'Every field has the JSON type its CRD schema declares (string, integer, number, boolean, object, list; int-or-string).');

export const SCHEMA_INVALID_ENUM = schemaRule('schema-invalid-enum',
  'Enumerated fields hold one of their allowed values (case-sensitive).');

export const SCHEMA_REQUIRED_FIELD = schemaRule('schema-required-field',
  'Required fields are present, including metadata.name and one of a set of alternatives when the schema requires one.');

export const SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS = schemaRule('schema-mutually-exclusive-fields',
  'At most one field of a set of alternatives (a protobuf oneof, such as loadBalancer simple and consistentHash) is set.');

export const SCHEMA_VALUE_OUT_OF_RANGE = schemaRule('schema-value-out-of-range',
  'Numbers, string lengths, list lengths and map sizes are within the bounds of the CRD schema.');

export const SCHEMA_INVALID_FORMAT = schemaRule('schema-invalid-format',
  'Strings match their schema pattern or format, and metadata names, namespaces and labels are valid Kubernetes names.');

/** The schema rules, in the order they run. */
export const SCHEMA_RULES: readonly Rule[] = [
  SCHEMA_UNKNOWN_KIND,
  SCHEMA_UNKNOWN_API_VERSION,
  SCHEMA_UNKNOWN_FIELD,
  SCHEMA_TYPE_MISMATCH,
  SCHEMA_INVALID_ENUM,
  SCHEMA_REQUIRED_FIELD,
  SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS,
  SCHEMA_VALUE_OUT_OF_RANGE,
  SCHEMA_INVALID_FORMAT,
];
