/**
 * The schema walk of a model, shared by the schema rules: every Istio object is checked once
 * against the model's field table (the built-in one, or the CRDs given with `lint --crds`), the
 * label maps of built-in Kubernetes objects and the appProtocol of Service ports, and each
 * schema rule reports its own share of the issues.
 */
import { MeshModel } from '../model';
import { POD_TEMPLATE_PATHS } from '../resources/pod-template-paths';
import { Finding } from '../rule';
import { isIstioGroup } from '../schema/field-table';
import { nonStringLabelIssues, serviceAppProtocolIssues } from '../schema/metadata';
import { validateIstioRecord } from '../schema/validate';

/** API groups of built-in Kubernetes kinds, whose label maps are checked for non-string values. */
const BUILT_IN_GROUPS: ReadonlySet<string> = new Set(['', 'apps', 'batch']);

/** What lint checks of a built-in object's schema: label maps, and a Service's appProtocol values. */
function builtInIssues(kind: string, manifest: unknown) {
  const issues = nonStringLabelIssues(manifest, POD_TEMPLATE_PATHS[kind]);
  return kind === 'Service' ? [...issues, ...serviceAppProtocolIssues(manifest)] : issues;
}

/** Schema findings grouped by the id of the rule that reports them. */
export function schemaFindings(model: MeshModel): ReadonlyMap<string, readonly Finding[]> {
  return model.memo('schemaFindings', readSchemaFindings);
}

function readSchemaFindings(model: MeshModel): Map<string, Finding[]> {
  const byRule = new Map<string, Finding[]>();
  for (const object of model.objects) {
    const issues = isIstioGroup(object.group)
      ? validateIstioRecord(object, model.schema)
      : BUILT_IN_GROUPS.has(object.group) ? builtInIssues(object.kind, object.source.manifest) : [];
    for (const issue of issues) {
      const list = byRule.get(issue.rule) ?? [];
      list.push({
        object,
        path: issue.path,
        message: issue.message,
        ...(issue.fix ? { fix: issue.fix } : {}),
        ...(issue.severity ? { severity: issue.severity } : {}),
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
