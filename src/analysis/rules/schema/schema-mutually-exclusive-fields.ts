import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS = schemaRule({
  id: 'schema-mutually-exclusive-fields',
  kinds: ['*'],
  summary: 'At most one field of a set of alternatives (a protobuf oneof, such as loadBalancer simple and consistentHash) is set.',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'At most one field of a set of alternatives (a protobuf oneof, such as loadBalancer simple and consistentHash) is set.\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.',
  fields: 'oneof fields',
  fix: 'Keep one of the alternatives.',
});
