import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_UNKNOWN_KIND = schemaRule({
  id: 'schema-unknown-kind',
  kinds: ['*'],
  summary: 'The kind exists in the Istio API group of its apiVersion.',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'The kind exists in the Istio API group of its apiVersion.\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.',
  fields: 'kind',
  fix: 'Use a kind of that API group (the message suggests the closest), or the group that has the kind.',
});
