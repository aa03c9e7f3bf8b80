import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_UNKNOWN_FIELD = schemaRule('schema-unknown-field',
  'Every field is declared by the kind\'s CRD schema (the API server rejects unknown fields under strict validation); suggests the intended field.');
