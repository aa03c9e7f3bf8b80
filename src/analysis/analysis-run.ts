/**
 * What the three front doors of the engine share — synth (`Mesh`), `cdk8s-istio lint` and the
 * cdk8s validation plugin — so that they agree on which rules run, which ids exist, how a CRD file
 * is read and when the result fails. Each door only words the outcome for its own user.
 */
import { CrdSchemas } from './crd/crd-schemas';
import { Diagnostic, Severity } from './diagnostic';
import { runRules } from './engine';
import { ManifestSource } from './manifest';
import { MeshConfigSetting } from './mesh-config-file';
import { Rule } from './rule';
import { ALL_RULES } from './rules';
import { editDistance } from './text';

export { CrdFileError } from './crd/crd-schemas';
export { IGNORE_ANNOTATION } from './engine';

/** The severities a run can fail on: errors only, or warnings as well. */
export type FailOn = Severity.ERROR | Severity.WARNING;

/** Options of one analysis run. */
export interface AnalysisRunOptions {
  /** Rule ids to skip (unknown ids are reported by {@link unknownRuleIds}, not here). */
  readonly ignoreRules?: readonly string[];
  /** Kubernetes cluster DNS domain. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** Istio root namespace. @default 'istio-system' */
  readonly rootNamespace?: string;
  /** CRDs of the cluster's Istio version, read with {@link loadCrdFile}. @default - the built-in table */
  readonly crds?: CrdSchemas;
  /** Namespace of namespaced objects that declare none (`lint -n`). @default 'default' */
  readonly defaultNamespace?: string;
  /**
   * Mesh config given from outside the manifests (`lint --mesh-config`, Mesh `meshConfigFile`),
   * read with `readMeshConfigFile`. @default - the one among the manifests, else Istio's defaults
   */
  readonly meshConfig?: MeshConfigSetting;
  /** Trust domain of the mesh. @default - the mesh config's, else 'cluster.local' */
  readonly trustDomain?: string;
  /** Rules to run. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

/** Runs the rules (the whole registry unless told otherwise) over the manifests. */
export function analyzeSources(sources: ManifestSource[], options: AnalysisRunOptions = {}): Diagnostic[] {
  return runRules(sources, options.rules ?? ALL_RULES, options);
}

/** Whether the diagnostics fail the run: any error, or any warning too with `failOn: warning`. */
export function failing(diagnostics: readonly Diagnostic[], failOn: FailOn = Severity.ERROR): boolean {
  return diagnostics.some((d) => d.severity === Severity.ERROR || (failOn === Severity.WARNING && d.severity === Severity.WARNING));
}

/** The diagnostics that fail the run under `failOn`. */
export function failingDiagnostics(diagnostics: readonly Diagnostic[], failOn: FailOn = Severity.ERROR): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === Severity.ERROR || (failOn === Severity.WARNING && d.severity === Severity.WARNING));
}

/** An id given to ignore that no rule has, with the id it was probably meant to be. */
export interface UnknownRuleId {
  readonly id: string;
  readonly didYouMean?: string;
}

/**
 * The ids of `ids` that no rule has, each with the closest real id when one is near: a misspelt
 * ignore silently ignores nothing, so every door warns about these.
 */
export function unknownRuleIds(ids: readonly string[], rules: readonly Rule[] = ALL_RULES): UnknownRuleId[] {
  const known = new Set(rules.map((r) => r.id));
  return ids.filter((id) => !known.has(id)).map((id) => {
    const near = closestRuleId(id, rules);
    return near ? { id, didYouMean: near } : { id };
  });
}

/** ` Did you mean 'x'?` for an unknown id, or nothing. */
export function didYouMean(unknown: UnknownRuleId): string {
  return unknown.didYouMean ? ` Did you mean '${unknown.didYouMean}'?` : '';
}

/** The rule id closest to `id`, when one is a plausible typo of it. */
export function closestRuleId(id: string, rules: readonly Rule[] = ALL_RULES): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const r of rules) {
    const distance = editDistance(id, r.id);
    if (distance <= Math.max(2, Math.floor(r.id.length / 3)) && (!best || distance < best.distance)) {
      best = { id: r.id, distance };
    }
  }
  return best?.id;
}

/**
 * Reads a CRD file (`lint --crds FILE`, Mesh `crdFile`, the plugin's `crdFile`). A relative path
 * is resolved against the process's working folder.
 *
 * @throws CrdFileError when the file is missing, unreadable, not YAML or holds no CRD; each door
 * prefixes the message with where the path was written.
 */
export function loadCrdFile(file: string, displayName: string = file): CrdSchemas {
  return CrdSchemas.fromFile(file, displayName);
}
