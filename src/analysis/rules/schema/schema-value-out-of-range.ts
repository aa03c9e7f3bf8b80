import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_VALUE_OUT_OF_RANGE = schemaRule({
  id: 'schema-value-out-of-range',
  kinds: ['*'],
  summary: 'Numbers, string lengths, list lengths and map sizes are within the bounds of the CRD schema.',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'Numbers, string lengths, list lengths and map sizes are within the bounds of the CRD schema.\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.' +
    "\n\nWhere Istio's validation webhook rejects the same value (see src/analysis/schema/webhook-overlap.ts), the finding carries istioctl analyze's code " +
    "for a webhook error, IST0106, so that it lines up with istioctl's message; elsewhere it has no code.",
  fields: 'numbers, lengths, sizes',
  fix: 'Bring the value within the bounds the message states.',
});
