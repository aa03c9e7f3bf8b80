import { Severity } from '../../diagnostic';
import { celFindings } from '../../facts/schema-findings';
import { Rule } from '../../rule';

export const SCHEMA_CEL_VALIDATION: Rule = {
  id: 'schema-cel-validation',
  kinds: ['*'],
  severity: Severity.ERROR,
  summary: 'The object passes the x-kubernetes-validations CEL rules of its CRD, as the API server evaluates them: for Istio objects those of `lint --crds FILE` or Mesh `crdFile` (durations of at least 1ms, port ranges, fields that exclude each other, …); for Gateway API objects always, against the built-in v1.5.1 CRDs unless the CRD file defines them.',
  origin: 'schema',
  istioSource: 'x-kubernetes-validations of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: '`schema-cel-validation`: the `x-kubernetes-validations` CEL rules of the CRDs, which travel on the\n' +
    'model. Istio objects: the rules of the CRDs given with `lint --crds FILE` (or Mesh `crdFile`); without a\n' +
    'CRD file it finds nothing for them (the built-in webhook rules cover the same ground rule by rule).\n' +
    'Gateway API objects (HTTPRoute, GRPCRoute, Gateway, ReferenceGrant, …): always, with the rules of the\n' +
    'Gateway API v1.5.1 CRDs built in (experimental channel), or of the CRD file when it defines those kinds.\n' +
    'Schema defaults (a parentRef\'s group, a backendRef\'s kind) are applied first, as the API server does.\n' +
    'Rules using isIP() are not evaluated.',
  fields: 'fields with x-kubernetes-validations',
  fix: 'Fix the field as the CEL rule\'s message says.',
  check(model, report) {
    for (const finding of celFindings(model)) report(finding);
  },
};
