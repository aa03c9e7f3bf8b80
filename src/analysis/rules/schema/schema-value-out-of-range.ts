import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_VALUE_OUT_OF_RANGE = schemaRule('schema-value-out-of-range',
  'Numbers, string lengths, list lengths and map sizes are within the bounds of the CRD schema.');
