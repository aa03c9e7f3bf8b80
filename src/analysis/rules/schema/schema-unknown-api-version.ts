import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_UNKNOWN_API_VERSION = schemaRule('schema-unknown-api-version',
  'The apiVersion is one the Istio CRDs serve for the kind.');
