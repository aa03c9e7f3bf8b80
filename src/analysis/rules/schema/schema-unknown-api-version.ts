import { Severity } from '../../diagnostic';
import { schemaRule } from '../../validation/schema-rule';

export const SCHEMA_UNKNOWN_API_VERSION = schemaRule({
  id: 'schema-unknown-api-version',
  kinds: ['*'],
  summary: 'The apiVersion is one the Istio CRDs serve for the kind.',
  severity: Severity.ERROR,
  origin: 'schema',
  istioSource: 'OpenAPI schema of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: 'The apiVersion is one the Istio CRDs serve for the kind.\n' +
    'The Istio CRD schema declares the constraint, so the API server rejects the object.\n\n' +
    'This deliberately differs from istioctl, which ignores the version: `istioctl validate` calls an\n' +
    'EnvoyFilter at networking.istio.io/v1 valid without checking its spec, while `kubectl apply`\n' +
    'fails with "no matches for kind". It stays an error because the Istio CRDs do not serve the version.',
  fields: 'apiVersion',
  fix: 'Use a served version, e.g. networking.istio.io/v1 (Mesh apiVersion V1BETA1 for clusters older than Istio 1.22).',
});
