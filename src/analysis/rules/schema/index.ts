import { Severity } from '../../diagnostic';
import { celFindings, schemaFindings } from '../../facts/schema-findings';
import { Rule } from '../../rule';
import { SchemaRuleId } from '../../schema/validate';

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

/**
 * `schema-cel-validation`: the `x-kubernetes-validations` CEL rules of the CRDs given with
 * `lint --crds FILE` (or Mesh `crdFile`), which travel on the model. Without a CRD file it finds
 * nothing (the built-in webhook rules cover the same ground rule by rule).
 */
export const SCHEMA_CEL_VALIDATION: Rule = {
  id: 'schema-cel-validation',
  severity: Severity.ERROR,
  summary: 'With `lint --crds FILE` or Mesh `crdFile`: the object passes the x-kubernetes-validations CEL rules of those CRDs, as the API server evaluates them (durations of at least 1ms, port ranges, fields that exclude each other, URL schemes, …).',
  check(model, report) {
    for (const finding of celFindings(model)) report(finding);
  },
};

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
