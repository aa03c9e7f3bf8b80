import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_REQUIRED_FIELD = schemaRule({
  id: 'schema-required-field',
  kinds: ['*'],
  summary: 'Required fields are present, including metadata.name and one of a set of alternatives when the schema requires one.',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'Required fields are present, including metadata.name and one of a set of alternatives when the schema requires one.\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.' +
    "\n\nWhere Istio's validation webhook rejects the same value (see src/analysis/schema/webhook-overlap.ts), the finding carries istioctl analyze's code " +
    "for a webhook error, IST0106, so that it lines up with istioctl's message; elsewhere it has no code.",
  fields: 'required fields',
  fix: 'Add the missing field (or one of the listed alternatives).',
});
