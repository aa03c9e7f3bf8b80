import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_UNKNOWN_FIELD = schemaRule({
  id: 'schema-unknown-field',
  kinds: ['*'],
  summary: 'Every field is declared by the kind\'s CRD schema (the API server rejects unknown fields under strict validation); suggests the intended field.',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'Every field is declared by the kind\'s CRD schema (the API server rejects unknown fields under strict validation); suggests the intended field.\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.',
  fields: 'any field',
  fix: 'Rename to the field the message suggests, or remove it; the API server rejects unknown fields.',
});
