import { Severity } from './diagnostic';
import { PathSegments } from './json-path';
import { ObjectRecord } from './manifest';
import { MeshModel } from './model';

/** One thing a rule found. */
export interface Finding {
  /** The object at fault. */
  readonly object: ObjectRecord;
  /** Segments of the field at fault (empty for the whole object). */
  readonly path: PathSegments;
  /** What is wrong. */
  readonly message: string;
  /** What to write instead. */
  readonly fix?: string;
  /** Overrides the rule's severity for this finding. */
  readonly severity?: Severity;
}

export type Report = (finding: Finding) => void;

/**
 * An analysis rule. A rule only reads the model: it never imports constructs, never mutates
 * manifests, and reports through `report` so that synth, lint and the plugin print the same thing.
 */
export interface Rule {
  /** Stable kebab-case id, e.g. `virtualservice-unreachable-route`. */
  readonly id: string;
  /** Default severity of its findings. */
  readonly severity: Severity;
  /** The `istioctl analyze` code of the same check, when it has one. */
  readonly istioCode?: string;
  /** One sentence: what the rule checks. Shown by `lint --explain` and in docs. */
  readonly summary: string;
  /**
   * Longer explanation: why it matters, what Istio or Envoy does, how to fix it. Shown by
   * `cdk8s-istio lint --explain` and in SARIF rule help.
   */
  readonly description?: string;
  check(model: MeshModel, report: Report): void;
}
