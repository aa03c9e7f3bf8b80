/**
 * The schema walk of a model, shared by the schema rules: every Istio object is checked once
 * against the model's field table (the built-in one, or the CRDs given with `lint --crds`), the
 * label maps of built-in Kubernetes objects and the appProtocol of Service ports, and each
 * schema rule reports its own share of the issues. Gateway API objects are checked the same
 * way against the Gateway API CRDs: those of the `--crds` file when it defines them, else the
 * built-in v1.5.1 table, whose CEL rules then always run (the API server runs them on every
 * Gateway API object, and no webhook rule of this project covers them one by one).
 */
import { CelValidator } from '../crd/cel-validation';
import { CelCheck, MeshModel } from '../model';
import { POD_TEMPLATE_PATHS } from '../resources/pod-template-paths';
import { Finding } from '../rule';
import { FieldTableLookup, GATEWAY_API_FIELDS, GATEWAY_API_GROUPS, isGatewayApiGroup, isIstioGroup } from '../schema/field-table';
import { nonStringLabelIssues, serviceAppProtocolIssues } from '../schema/metadata';
import { validateIstioRecord, validateSchemaRecord } from '../schema/validate';
import { schemaIssueIstioCode } from '../schema/webhook-overlap';

let builtInGatewayApiCel: CelValidator | undefined;

/** The Gateway API schemas a model checks against: the CRD file's when it has them, else the built-in ones. */
export function gatewayApiSchemas(model: MeshModel): { readonly lookup: FieldTableLookup; readonly cel?: CelCheck } {
  if (GATEWAY_API_GROUPS.some((g) => model.schema.kinds(g).length > 0)) return { lookup: model.schema, cel: model.cel };
  // One evaluator per process: it caches the compiled CEL programs.
  builtInGatewayApiCel ??= new CelValidator(GATEWAY_API_FIELDS);
  return { lookup: GATEWAY_API_FIELDS, cel: builtInGatewayApiCel };
}

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
  const gatewayApi = gatewayApiSchemas(model).lookup;
  for (const object of model.objects) {
    const issues = isIstioGroup(object.group)
      ? validateIstioRecord(object, model.schema)
      : isGatewayApiGroup(object.group) ? validateSchemaRecord(object, gatewayApi)
        : BUILT_IN_GROUPS.has(object.group) ? builtInIssues(object.kind, object.source.manifest) : [];
    for (const issue of issues) {
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

/**
 * Issues of CEL rules: those of the model's CRD file on Istio objects (none when no CRD file was
 * given), and those of the Gateway API CRDs on Gateway API objects (always).
 */
export function celFindings(model: MeshModel): readonly Finding[] {
  return model.memo('celFindings', () => {
    const out: Finding[] = [];
    const gatewayApi = gatewayApiSchemas(model).cel;
    for (const object of model.objects) {
      const cel = isIstioGroup(object.group) ? model.cel : isGatewayApiGroup(object.group) ? gatewayApi : undefined;
      if (!cel) continue;
      for (const issue of cel.validate(object)) {
        out.push({ object, path: issue.path, message: issue.message, fix: issue.fix });
      }
    }
    return out;
  });
}
