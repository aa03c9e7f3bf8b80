import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_REQUIRED_FIELD = schemaRule('schema-required-field',
  'Required fields are present, including metadata.name and one of a set of alternatives when the schema requires one.');
