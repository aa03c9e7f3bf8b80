/**
 * What the three front doors of the engine share — synth (`Mesh`), `cdk8s-istio lint` and the
 * cdk8s validation plugin — so that they agree on which rules run, which ids exist, how a CRD file
 * is read and when the result fails. Each door only words the outcome for its own user.
 */
import { CrdSchemas } from './crd/crd-schemas';
import { Diagnostic, Severity } from './diagnostic';
import { RunOptions, runRules } from './engine';
import { ManifestSource } from './manifest';
import { Rule } from './rule';
import { ALL_RULES } from './rules';
import { editDistance } from './text';

export { CrdFileError } from './crd/crd-schemas';
export { IGNORE_ANNOTATION } from './engine';

/** The severities a run can fail on: errors only, or warnings as well. */
export type FailOn = Severity.ERROR | Severity.WARNING;

/**
 * Options of one analysis run: the engine's (ignored ids, cluster domain, root namespace, CRDs,
 * default namespace, mesh config, trust domain) and which rules run. Unknown ignored ids are
 * reported by {@link unknownRuleIds}, not here.
 */
export interface AnalysisRunOptions extends RunOptions {
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
