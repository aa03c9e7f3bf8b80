import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_INVALID_ENUM = schemaRule({
  id: 'schema-invalid-enum',
  kinds: ['*'],
  summary: 'Enumerated fields hold one of their allowed values (case-sensitive).',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'Enumerated fields hold one of their allowed values (case-sensitive).\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.',
  fields: 'enumerated fields',
  fix: 'Use one of the listed values, in the same case.',
});
