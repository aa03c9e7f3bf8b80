import { Severity } from '../../diagnostic';
import { celFindings } from '../../facts/schema-findings';
import { Rule } from '../../rule';

/**
 * `schema-cel-validation`: the `x-kubernetes-validations` CEL rules of the CRDs given with
 * `lint --crds FILE` (or Mesh `crdFile`), which travel on the model. Without a CRD file it finds
 * nothing (the built-in webhook rules cover the same ground rule by rule).
 */
export const SCHEMA_CEL_VALIDATION: Rule = {
  id: 'schema-cel-validation',
  severity: Severity.ERROR,
  summary: 'With `lint --crds FILE` or Mesh `crdFile`: the object passes the x-kubernetes-validations CEL rules of those CRDs, as the API server evaluates them (durations of at least 1ms, port ranges, fields that exclude each other, URL schemes, …).',
  check(model, report) {
    for (const finding of celFindings(model)) report(finding);
  },
};
