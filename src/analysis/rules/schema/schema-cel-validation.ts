import { Severity } from '../../diagnostic';
import { celFindings } from '../../facts/schema-findings';
import { Rule } from '../../rule';

export const SCHEMA_CEL_VALIDATION: Rule = {
  id: 'schema-cel-validation',
  kinds: ['*'],
  severity: Severity.ERROR,
  summary: 'With `lint --crds FILE` or Mesh `crdFile`: the object passes the x-kubernetes-validations CEL rules of those CRDs, as the API server evaluates them (durations of at least 1ms, port ranges, fields that exclude each other, URL schemes, …).',
  origin: 'schema',
  istioSource: 'x-kubernetes-validations of the Istio CRDs (manifests/charts/base/files/crd-all.gen.yaml)',
  docs: '`schema-cel-validation`: the `x-kubernetes-validations` CEL rules of the CRDs given with\n' +
    '`lint --crds FILE` (or Mesh `crdFile`), which travel on the model. Without a CRD file it finds\n' +
    'nothing (the built-in webhook rules cover the same ground rule by rule).',
  fields: 'fields with x-kubernetes-validations',
  fix: 'Fix the field as the CEL rule\'s message says (only with lint --crds or Mesh crdFile).',
  check(model, report) {
    for (const finding of celFindings(model)) report(finding);
  },
};
