import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_INVALID_FORMAT = schemaRule('schema-invalid-format',
  'Strings match their schema pattern or format, and metadata names, namespaces and labels are valid Kubernetes names.');
