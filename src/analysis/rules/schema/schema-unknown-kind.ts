import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_UNKNOWN_KIND = schemaRule('schema-unknown-kind',
  'The kind exists in the Istio API group of its apiVersion.');
