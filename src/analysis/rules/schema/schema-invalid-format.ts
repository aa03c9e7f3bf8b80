import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_INVALID_FORMAT = schemaRule({
  id: 'schema-invalid-format',
  kinds: ['*'],
  summary: 'Strings match their schema pattern or format, and metadata names, namespaces and labels are valid Kubernetes names.',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'Strings match their schema pattern or format, and metadata names, namespaces and labels are valid Kubernetes names.\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.\n\n' +
    'Metadata names, namespaces, label keys and label values that are not valid Kubernetes names are\n' +
    'warnings, not errors: kubectl and the API server reject them, but istioctl validate and analyze\n' +
    'accept them (they check only the Istio spec, and of names only a Gateway\'s), and such files are often templates with placeholders.' +
    "\n\nWhere Istio's validation webhook rejects the same value (see src/analysis/schema/webhook-overlap.ts), the finding carries istioctl analyze's code " +
    "for a webhook error, IST0106, so that it lines up with istioctl's message; elsewhere it has no code.",
  fields: 'patterned strings, metadata',
  fix: 'Follow the pattern or Kubernetes name rules the message names.',
});
