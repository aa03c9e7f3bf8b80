import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS = schemaRule('schema-mutually-exclusive-fields',
  'At most one field of a set of alternatives (a protobuf oneof, such as loadBalancer simple and consistentHash) is set.');
