import { CrdSchemas } from './crd-schemas';
import { Severity } from '../diagnostic';
import { MeshModel } from '../model';
import { Finding, Rule } from '../rule';
import { SCHEMA_RULES, validateIstioRecord } from '../rules/schema';
import { isIstioGroup } from '../schema/field-table';

/**
 * `schema-cel-validation`: the `x-kubernetes-validations` CEL rules of the CRDs given with
 * `lint --crds FILE` (or Mesh `crdFile`). Registered so that it is listed and documented; without
 * a CRD file it finds nothing (the built-in webhook rules cover the same ground rule by rule).
 */
export const SCHEMA_CEL_VALIDATION: Rule = {
  id: 'schema-cel-validation',
  severity: Severity.ERROR,
  summary: 'With `lint --crds FILE` or Mesh `crdFile`: the object passes the x-kubernetes-validations CEL rules of those CRDs, as the API server evaluates them (durations of at least 1ms, port ranges, fields that exclude each other, URL schemes, …).',
  check() {
    // Runs only bound to a CRD file: see bindCrdSchemas.
  },
};

/** The CEL rule bound to a set of CRDs. */
function celRule(crds: CrdSchemas): Rule {
  return {
    ...SCHEMA_CEL_VALIDATION,
    check(model, report) {
      for (const object of model.objects) {
        if (!isIstioGroup(object.group)) continue;
        for (const issue of crds.cel.validate(object)) {
          report({ object, path: issue.path, message: issue.message, fix: issue.fix });
        }
      }
    },
  };
}

const SCHEMA_RULE_IDS = new Set(SCHEMA_RULES.map((r) => r.id));

/** The schema rules, checking against the field table of a set of CRDs instead of the built-in one. */
function schemaRulesFor(crds: CrdSchemas): (rule: Rule) => Rule {
  const byModel = new WeakMap<MeshModel, Map<string, Finding[]>>();
  const findings = (model: MeshModel): Map<string, Finding[]> => {
    let byRule = byModel.get(model);
    if (!byRule) {
      byRule = new Map();
      for (const object of model.objects) {
        if (!isIstioGroup(object.group)) continue;
        for (const issue of validateIstioRecord(object, crds.lookup)) {
          const list = byRule.get(issue.rule) ?? [];
          list.push({ object, path: issue.path, message: issue.message, ...(issue.fix ? { fix: issue.fix } : {}) });
          byRule.set(issue.rule, list);
        }
      }
      byModel.set(model, byRule);
    }
    return byRule;
  };
  return (rule) => ({
    ...rule,
    check(model, report) {
      for (const finding of findings(model).get(rule.id) ?? []) report(finding);
    },
  });
}

/**
 * Rebinds rules to a CRD file: the schema rules check against the CRDs' own OpenAPI schemas (the
 * Istio version the user runs, not the one built in), and `schema-cel-validation` evaluates their
 * CEL rules. Other rules are returned as they are; ids, severities and summaries do not change.
 */
export function bindCrdSchemas(rules: readonly Rule[], crds: CrdSchemas): Rule[] {
  const schemaRule = schemaRulesFor(crds);
  return rules.map((rule) => {
    if (rule.id === SCHEMA_CEL_VALIDATION.id) return celRule(crds);
    if (SCHEMA_RULE_IDS.has(rule.id)) return schemaRule(rule);
    return rule;
  });
}
