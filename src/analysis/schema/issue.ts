import type { Severity } from '../diagnostic';
import { PathSegments } from '../json-path';

/** Ids of the schema rules; each {@link SchemaIssue} belongs to one. */
export type SchemaRuleId =
  | 'schema-unknown-kind'
  | 'schema-unknown-api-version'
  | 'schema-unknown-field'
  | 'schema-type-mismatch'
  | 'schema-invalid-enum'
  | 'schema-required-field'
  | 'schema-mutually-exclusive-fields'
  | 'schema-value-out-of-range'
  | 'schema-invalid-format';

/** One schema violation of one object. */
export interface SchemaIssue {
  readonly rule: SchemaRuleId;
  readonly path: PathSegments;
  readonly message: string;
  readonly fix?: string;
  /** Set when the issue is reported below its rule's severity. */
  readonly severity?: Severity;
}
