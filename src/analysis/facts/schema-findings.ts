/**
 * The schema walk of a model, shared by the schema rules: every Istio object is checked once
 * against the model's field table (the built-in one, or the CRDs given with `lint --crds`), and
 * each schema rule reports its own share of the issues.
 */
import { MeshModel } from '../model';
import { Finding } from '../rule';
import { isIstioGroup } from '../schema/field-table';
import { validateIstioRecord } from '../schema/validate';
import { schemaIssueIstioCode } from '../schema/webhook-overlap';

/** Schema findings grouped by the id of the rule that reports them. */
export function schemaFindings(model: MeshModel): ReadonlyMap<string, readonly Finding[]> {
  return model.memo('schemaFindings', readSchemaFindings);
}

function readSchemaFindings(model: MeshModel): Map<string, Finding[]> {
  const byRule = new Map<string, Finding[]>();
  for (const object of model.objects) {
    if (!isIstioGroup(object.group)) continue;
    for (const issue of validateIstioRecord(object, model.schema)) {
      const list = byRule.get(issue.rule) ?? [];
      const istioCode = schemaIssueIstioCode(object.kind, issue.rule, issue.path);
      list.push({
        object,
        path: issue.path,
        message: issue.message,
        ...(issue.fix ? { fix: issue.fix } : {}),
        ...(issue.severity ? { severity: issue.severity } : {}),
        ...(istioCode ? { istioCode } : {}),
      });
      byRule.set(issue.rule, list);
    }
  }
  return byRule;
}

/** Issues of the CEL rules of the model's CRD file; none when no CRD file was given. */
export function celFindings(model: MeshModel): readonly Finding[] {
  const cel = model.cel;
  if (!cel) return [];
  return model.memo('celFindings', () => {
    const out: Finding[] = [];
    for (const object of model.objects) {
      if (!isIstioGroup(object.group)) continue;
      for (const issue of cel.validate(object)) {
        out.push({ object, path: issue.path, message: issue.message, fix: issue.fix });
      }
    }
    return out;
  });
}
