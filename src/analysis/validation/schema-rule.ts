import { Severity } from '../diagnostic';
import { schemaFindings } from '../facts/schema-findings';
import { Rule } from '../rule';
import { SchemaRuleId } from '../schema/validate';

export function schemaRule(id: SchemaRuleId, summary: string): Rule {
  return {
    id,
    severity: Severity.ERROR,
    summary,
    check(model, report) {
      for (const finding of schemaFindings(model).get(id) ?? []) {
        report(finding);
      }
    },
  };
}
