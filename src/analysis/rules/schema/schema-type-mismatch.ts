import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_TYPE_MISMATCH = schemaRule({
  id: 'schema-type-mismatch',
  kinds: ['*'],
  summary: 'Every field has the JSON type its CRD schema declares (string, integer, number, boolean, object, list; int-or-string).',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'Every field has the JSON type its CRD schema declares (string, integer, number, boolean, object, list; int-or-string).\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.',
  fields: 'any field',
  fix: 'Write the value with the declared type (quote strings, unquote numbers, durations as "5s").',
});
