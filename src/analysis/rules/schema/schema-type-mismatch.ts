import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_TYPE_MISMATCH = schemaRule('schema-type-mismatch',
  'Every field has the JSON type its CRD schema declares (string, integer, number, boolean, object, list; int-or-string).');
