/**
 * The parts of the cdk8s CLI's validation-plugin contract this package uses, written out as
 * structural types so that the library does not depend on `cdk8s-cli` at run time. The CLI
 * (`cdk8s synth`) hands a `ValidationContext` to `validate()` of every plugin named under
 * `validations:` in `cdk8s.yaml`; see `cdk8s-cli/lib/plugins/validation.d.ts`.
 *
 * Not part of the public (jsii) API.
 */

/** Outcome a plugin submits: `failure` makes `cdk8s synth` exit 2. */
export type ValidationStatus = 'success' | 'failure';

/** One object that breaks a rule. */
export interface ViolatingResource {
  /** `metadata.name` of the object; the CLI looks it up in the construct metadata. */
  readonly resourceName: string;
  /** Manifest file the object was synthesized into. */
  readonly manifestPath: string;
  /** Where in the object: JSON paths of the fields at fault. */
  readonly locations: string[];
}

/** One broken rule, with every object that breaks it the same way. */
export interface Violation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: ViolatingResource[];
}

export interface ValidationReportLike {
  addViolation(violation: Violation): void;
  submit(status: ValidationStatus, metadata?: { readonly [key: string]: string }): void;
}

export interface ValidationLoggerLike {
  log(message: string): void;
}

/** What `cdk8s synth` passes to a validation plugin. */
export interface ValidationContextLike {
  /** Paths of the synthesized manifest files. */
  readonly manifests: readonly string[];
  /** `metadata.name` → construct path, when the app recorded construct metadata. */
  readonly metadata?: { readonly [resourceName: string]: { readonly path: string } | undefined };
  readonly report: ValidationReportLike;
  readonly logger: ValidationLoggerLike;
  /** Every YAML document of a manifest file, as plain objects. */
  parseManifest(manifestPath: string): any[];
}
