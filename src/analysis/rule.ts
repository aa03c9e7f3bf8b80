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
  /**
   * The istioctl analyze code of this finding, for a rule whose findings match istioctl's messages
   * only in part (a schema finding the webhook also rejects is istioctl's IST0106; one only the
   * CRD schema rejects has no code). Default: the rule's {@link Rule.istioCode}.
   */
  readonly istioCode?: string;
}

export type Report = (finding: Finding) => void;

/**
 * Where the knowledge a rule encodes comes from, and so what its severity promises:
 * - `schema`: the CRD OpenAPI schema or its CEL rules (the API server rejects the object);
 * - `webhook`: Istio's validation webhook (`pkg/config/validation`: istiod rejects or warns);
 * - `istioctl`: an `istioctl analyze` analyzer (`pkg/config/analysis/analyzers`);
 * - `envoy`: what Envoy does with the configuration Istio accepts (match order, retries, RBAC);
 * - `app`: what only a whole-app view shows (a selector matching no pod of the app, a policy never used).
 */
export type RuleOrigin = 'schema' | 'webhook' | 'istioctl' | 'envoy' | 'app';

/**
 * An analysis rule, with everything said about it in one place (ESLint's `meta`, kube-linter's
 * check file). A rule only reads the model: it never imports constructs, never mutates
 * manifests, and reports through `report` so that synth, lint and the plugin print the same thing.
 */
export interface Rule {
  /** Stable kebab-case id, e.g. `virtualservice-unreachable-route`; its first segment names its folder. */
  readonly id: string;
  /** The kinds it reports on; `*` for every kind its checks reach (schema, annotations). */
  readonly kinds: readonly string[];
  /** Default severity of its findings. */
  readonly severity: Severity;
  /** The `istioctl analyze` code of the same check, when it has one. */
  readonly istioCode?: string;
  /** Where the knowledge comes from: see {@link RuleOrigin}. */
  readonly origin: RuleOrigin;
  /** The Istio source it mirrors (file or function, message name), when it mirrors one. */
  readonly istioSource?: string;
  /** One sentence: what the rule checks. Shown by `lint --list-rules` and in docs. */
  readonly summary: string;
  /**
   * Longer explanation: why it matters, what Istio or Envoy does, why its severity. Shown by
   * `cdk8s-istio lint --explain` and in SARIF rule help.
   */
  readonly docs: string;
  /** The field(s) it looks at, for docs/rules.md. */
  readonly fields: string;
  /** What to do about a finding, in general (each finding carries its own fix). */
  readonly fix: string;
  check(model: MeshModel, report: Report): void;
}

/** Everything about a rule but its check: what the rule factories take. */
export type RuleInfo = Omit<Rule, 'check'>;
