import { ValidationContextLike } from './cdk8s-validation-api';
import { readSynthesizedObjects, toViolations } from './violations';
import { analyzeSources, CrdFileError, didYouMean, failing, loadCrdFile, unknownRuleIds } from '../analysis/analysis-run';
import type { CrdSchemas } from '../analysis/crd/crd-schemas';
import { Diagnostic, formatDiagnostic, Severity } from '../analysis/diagnostic';
import { Rule } from '../analysis/rule';
import { ALL_RULES } from '../analysis/rules';
import { editDistance, normalizeName } from '../analysis/text';

/**
 * Settings of the cdk8s validation plugin, written under `properties:` of its entry in
 * `cdk8s.yaml`.
 */
export interface IstioValidationProps {
  /**
   * Rule ids to skip, e.g. `[virtualservice-weights-not-100]`. To skip a rule for one object
   * only, annotate the object with `cdk8s-istio.io/ignore-rules`.
   * @default - every rule runs
   */
  readonly ignoreRules?: string[];

  /**
   * Fail `cdk8s synth` on warnings too, not only on errors.
   * @default false
   */
  readonly failOnWarnings?: boolean;

  /**
   * Kubernetes cluster DNS domain, used to expand short host names.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Istio's root namespace: policies in it apply to the whole mesh.
   * @default 'istio-system'
   */
  readonly rootNamespace?: string;

  /**
   * CRD file of the Istio version the cluster runs: manifests are checked against its schemas and
   * `x-kubernetes-validations` CEL rules instead of the built-in field table, as
   * `cdk8s-istio lint --crds FILE` does. A relative path is resolved from where `cdk8s synth` runs.
   * @default - the built-in field table (Istio 1.30)
   */
  readonly crdFile?: string;
}

/** Where the properties come from, for error messages. */
const WHERE = 'cdk8s.yaml validations[class: IstioValidation].properties';

type PropertyCheck = (value: unknown) => string | undefined;

const PROPERTY_CHECKS: Record<keyof IstioValidationProps, PropertyCheck> = {
  ignoreRules: (v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? undefined
      : 'a list of rule ids, e.g. [virtualservice-weights-not-100]',
  failOnWarnings: (v) => (typeof v === 'boolean' ? undefined : 'true or false'),
  clusterDomain: (v) => (typeof v === 'string' && v !== '' ? undefined : 'a DNS domain, e.g. cluster.local'),
  rootNamespace: (v) => (typeof v === 'string' && v !== '' ? undefined : 'a namespace name, e.g. istio-system'),
  crdFile: (v) => (typeof v === 'string' && v !== '' ? undefined : 'a path to an Istio CRD file, e.g. ./istio-crds.yaml'),
};

/**
 * A cdk8s validation plugin that runs this library's analysis over the manifests `cdk8s synth`
 * wrote: the same rules as synth-time analysis and `cdk8s-istio lint`, for any cdk8s app — also
 * apps written in Python, Java, Go or C#, and apps that use none of this library's constructs.
 *
 * Name it in `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: cdk8s-istio        # or a local path starting with ./
 *     version: 0.0.0              # an exact version
 *     class: IstioValidation
 *     properties:
 *       failOnWarnings: true
 * ```
 *
 * Errors (and warnings, with `failOnWarnings`) make `cdk8s synth` exit 2. Each violation is one
 * rule broken in one way: the rule id, the severity, Istio's code and the message as the
 * recommendation, the fix, and every object at fault with its manifest file, construct path and
 * the JSON paths of the fields.
 */
export class IstioValidation {
  private readonly ignoreRules: string[];
  private readonly failOnWarnings: boolean;
  private readonly clusterDomain?: string;
  private readonly rootNamespace?: string;
  private readonly crds?: CrdSchemas;
  private readonly rules: readonly Rule[];

  /**
   * @param props the `properties` of the plugin's entry in `cdk8s.yaml`. They are read from
   * YAML, so they are checked here: a misspelt or mistyped property is an error.
   */
  constructor(props: IstioValidationProps = {}) {
    const given: unknown = props ?? {};
    if (!isRecord(given)) {
      throw new Error(`${WHERE}: expected a mapping of properties, got ${JSON.stringify(given)}. Write for example "properties: { failOnWarnings: true }".`);
    }
    const known = Object.keys(PROPERTY_CHECKS);
    for (const [key, value] of Object.entries(given)) {
      const check = Object.prototype.hasOwnProperty.call(PROPERTY_CHECKS, key) ? PROPERTY_CHECKS[key as keyof IstioValidationProps] : undefined;
      if (!check) {
        const near = known.find((k) => editDistance(normalizeName(k), normalizeName(key)) <= 2);
        throw new Error(
          `${WHERE}.${key}: unknown property. ${near ? `Did you mean ${near}? ` : ''}Known properties: ${known.join(', ')}.`,
        );
      }
      if (value === undefined || value === null) continue;
      const expected = check(value);
      if (expected) {
        throw new Error(`${WHERE}.${key}: ${JSON.stringify(value)} is not valid; write ${expected}.`);
      }
    }
    const checked = given as IstioValidationProps;
    this.ignoreRules = [...(checked.ignoreRules ?? [])];
    this.failOnWarnings = checked.failOnWarnings ?? false;
    this.clusterDomain = checked.clusterDomain ?? undefined;
    this.rootNamespace = checked.rootNamespace ?? undefined;
    if (checked.crdFile !== undefined) {
      try {
        this.crds = loadCrdFile(checked.crdFile);
      } catch (e) {
        if (!(e instanceof CrdFileError)) throw e;
        throw new Error(`${WHERE}.crdFile: ${e.message}`);
      }
    }
    this.rules = ALL_RULES;
  }

  /**
   * Called by `cdk8s synth` once the manifests are written: analyses them together, adds a
   * violation per finding (errors and warnings; infos are only logged) and submits `failure`
   * when there is an error (or a warning, with `failOnWarnings`), else `success`.
   *
   * @param context the cdk8s CLI's `ValidationContext`
   */
  public async validate(context: any): Promise<void> {
    const ctx = context as ValidationContextLike;
    for (const unknown of unknownRuleIds(this.ignoreRules, this.rules)) {
      ctx.logger.log(`cdk8s-istio: warning: ignoreRules lists '${unknown.id}', which is no rule id.${didYouMean(unknown)} (run 'cdk8s-istio lint --list-rules').`);
    }

    let diagnostics: Diagnostic[];
    let objects: number;
    try {
      const synthesized = readSynthesizedObjects(ctx);
      objects = synthesized.sources.length;
      diagnostics = analyzeSources(synthesized.sources, {
        rules: this.rules,
        ignoreRules: this.ignoreRules,
        ...(this.clusterDomain !== undefined ? { clusterDomain: this.clusterDomain } : {}),
        ...(this.rootNamespace !== undefined ? { rootNamespace: this.rootNamespace } : {}),
        ...(this.crds !== undefined ? { crds: this.crds } : {}),
      });
      const reported = diagnostics.filter((d) => d.severity !== Severity.INFO);
      for (const violation of toViolations(reported, synthesized.nameCount)) {
        ctx.report.addViolation(violation);
      }
    } catch (e) {
      // A plugin that throws leaves the CLI with a stack trace and no report: fail with a message.
      const message = errorMessage(e);
      ctx.logger.log(`cdk8s-istio: the analysis could not run: ${message}`);
      ctx.report.submit('failure', { Error: message });
      return;
    }

    for (const d of diagnostics.filter((x) => x.severity === Severity.INFO)) {
      ctx.logger.log(`cdk8s-istio: ${formatDiagnostic(d)}`);
    }
    const count = (s: Severity) => String(diagnostics.filter((d) => d.severity === s).length);
    ctx.report.submit(failing(diagnostics, this.failOnWarnings ? Severity.WARNING : Severity.ERROR) ? 'failure' : 'success', {
      'Objects analysed': String(objects),
      'Errors': count(Severity.ERROR),
      'Warnings': count(Severity.WARNING),
      'Infos': count(Severity.INFO),
      'Fails on': this.failOnWarnings ? 'errors and warnings' : 'errors',
    });
  }
}

function errorMessage(e: unknown): string {
  const message = (e as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(e);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
