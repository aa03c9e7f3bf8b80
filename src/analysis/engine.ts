import type { CrdSchemas } from './crd/crd-schemas';
import { Diagnostic, Severity } from './diagnostic';
import { formatPath } from './json-path';
import { ManifestSource } from './manifest';
import { MeshConfigSetting } from './mesh-config-file';
import { MeshModel } from './model';
import { Rule } from './rule';

/** What the engine needs besides the manifests and the rules. */
export interface RunOptions {
  /** Rule ids to skip. */
  readonly ignoreRules?: readonly string[];
  /** Kubernetes cluster DNS domain. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** Istio root namespace, where selector-less policies apply mesh-wide. @default 'istio-system' */
  readonly rootNamespace?: string;
  /**
   * CRDs of the Istio version the cluster runs (`lint --crds FILE`, Mesh `crdFile`). They travel on
   * the model: the schema rules check against them instead of the built-in table, and
   * `schema-cel-validation` runs their CEL rules. @default - the built-in table; CEL rules are not run
   */
  readonly crds?: CrdSchemas;
  /**
   * Namespace of namespaced objects that declare none, as `istioctl analyze -n` and
   * `kubectl apply -n` give it (`lint -n`). @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * A mesh config given from outside the manifests (`lint --mesh-config FILE`, read with
   * `readMeshConfigFile`): it takes precedence over a mesh config ConfigMap or IstioOperator
   * among them, and sets the root namespace and trust domain unless those are given.
   * @default - the mesh config among the manifests, else Istio's defaults
   */
  readonly meshConfig?: MeshConfigSetting;
  /** Trust domain of the mesh. @default - the mesh config's, else 'cluster.local' */
  readonly trustDomain?: string;
}

/** Annotation on an object that switches rules off for it: a comma-separated list of rule ids. */
export const IGNORE_ANNOTATION = 'cdk8s-istio.io/ignore-rules';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Runs the given rules over a set of manifests analysed together (as `istioctl analyze` does with
 * local files) and returns the diagnostics, errors first, in input order within a severity.
 *
 * The engine knows no rule: the caller passes them (`analysis-run.ts` passes the registry), so the
 * rules depend on the engine's types and never the other way round.
 */
export function runRules(sources: ManifestSource[], rules: readonly Rule[], options: RunOptions = {}): Diagnostic[] {
  const model = new MeshModel(sources, {
    clusterDomain: options.clusterDomain,
    rootNamespace: options.rootNamespace,
    ...(options.crds ? { schema: options.crds.lookup, cel: options.crds.cel } : {}),
    defaultNamespace: options.defaultNamespace,
    meshConfig: options.meshConfig,
    trustDomain: options.trustDomain,
  });
  const ignored = new Set(options.ignoreRules ?? []);
  const order = new Map<ManifestSource, number>();
  sources.forEach((s, i) => order.set(s, i));
  // Lines are looked up after every rule ran, in input order: lint parses a file again to find
  // them (it does not keep the YAML trees), and in input order it does so once per file.
  const out: Array<{ d: Diagnostic; order: number; source: ManifestSource; path: Array<string | number> }> = [];

  for (const rule of rules) {
    if (ignored.has(rule.id)) continue;
    rule.check(model, (finding) => {
      const source = finding.object.source;
      const suppressed = finding.object.annotations[IGNORE_ANNOTATION];
      if (suppressed && suppressed.split(',').map((s) => s.trim()).includes(rule.id)) return;
      const istioCode = finding.istioCode ?? rule.istioCode;
      const d: Diagnostic = {
        ruleId: rule.id,
        severity: finding.severity ?? rule.severity,
        message: finding.message,
        ...(finding.fix ? { fix: finding.fix } : {}),
        resource: {
          apiVersion: finding.object.apiVersion,
          kind: finding.object.kind,
          name: finding.object.name,
          ...(finding.object.declaredNamespace ? { namespace: finding.object.declaredNamespace } : {}),
        },
        path: formatPath(finding.path),
        ...(istioCode ? { istioCode } : {}),
        ...(source.constructPath ? { constructPath: source.constructPath } : {}),
        ...(source.file ? { file: source.file } : {}),
      };
      out.push({ d, order: order.get(source) ?? 0, source, path: finding.path as Array<string | number> });
    });
  }

  out.sort((a, b) => a.order - b.order);
  const withLines = out.map((x) => {
    const line = x.source.lineOf?.(x.path) ?? x.source.line;
    return { d: line !== undefined ? { ...x.d, line } : x.d, order: x.order };
  });
  withLines.sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.order - b.order);
  return withLines.map((x) => x.d);
}
