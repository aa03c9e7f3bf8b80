import { schemaFindings } from '../facts/schema-findings';
import { Rule, RuleInfo } from '../rule';
import { SchemaRuleId } from '../schema/validate';

/** A schema rule: its metadata; its id names the share of the schema walk it reports. */
export interface SchemaRuleProps extends RuleInfo {
  readonly id: SchemaRuleId;
}

/** A rule reporting its own share of the one schema walk of the model. */
export function schemaRule(props: SchemaRuleProps): Rule {
  const id = props.id;
  return {
    ...props,
    check(model, report) {
      for (const finding of schemaFindings(model).get(id) ?? []) {
        report(finding);
      }
    },
  };
}
