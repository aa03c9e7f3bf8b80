import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_INVALID_ENUM = schemaRule('schema-invalid-enum',
  'Enumerated fields hold one of their allowed values (case-sensitive).');
