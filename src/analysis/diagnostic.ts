/**
 * How serious a finding is. Errors fail `cdk8s synth` and make `cdk8s-istio lint` exit 1;
 * warnings and infos are reported and never fail.
 */
export enum Severity {
  /** Istio or Kubernetes would reject the object, or traffic would certainly fail. */
  ERROR = 'error',
  /** Accepted by Istio, but very likely not what was meant. */
  WARNING = 'warning',
  /** Worth knowing; nothing is wrong. */
  INFO = 'info',
}

/** Identifies the manifest a diagnostic is about. */
export interface ResourceRef {
  /** apiVersion of the object, e.g. `networking.istio.io/v1`. */
  readonly apiVersion: string;
  /** kind of the object, e.g. `VirtualService`. */
  readonly kind: string;
  /** metadata.name of the object. */
  readonly name: string;
  /**
   * metadata.namespace of the object.
   * @default - not set on the object
   */
  readonly namespace?: string;
}

/** One finding of the analysis engine. */
export interface Diagnostic {
  /** Stable kebab-case id of the rule, e.g. `virtualservice-unreachable-route`. */
  readonly ruleId: string;
  /** How serious the finding is. */
  readonly severity: Severity;
  /** What is wrong, in one or two sentences. */
  readonly message: string;
  /**
   * What to write instead.
   * @default - no fix suggested
   */
  readonly fix?: string;
  /** The object the finding is about. */
  readonly resource: ResourceRef;
  /** JSON path of the field at fault, e.g. `spec.http[1].retries`; empty for the whole object. */
  readonly path: string;
  /**
   * The matching `istioctl analyze` message code, e.g. `IST0101`.
   * @default - istioctl has no equivalent check
   */
  readonly istioCode?: string;
  /**
   * Path of the cdk8s construct that emitted the object.
   * @default - the object was not made by a construct (lint input)
   */
  readonly constructPath?: string;
  /**
   * File the object was read from.
   * @default - the object was not read from a file
   */
  readonly file?: string;
  /**
   * 1-based line of the object (or of the field, when known) in `file`.
   * @default - unknown
   */
  readonly line?: number;
}

/** Formats a diagnostic as one human-readable line (without file position). */
export function formatDiagnostic(d: Diagnostic): string {
  const ns = d.resource.namespace ? `${d.resource.namespace}/` : '';
  const where = d.constructPath ? ` (construct ${d.constructPath})` : '';
  const field = d.path ? ` at ${d.path}` : '';
  const code = d.istioCode ? ` [${d.istioCode}]` : '';
  const fix = d.fix ? ` Fix: ${d.fix}` : '';
  return `${d.severity} ${d.ruleId}${code}: ${d.resource.kind} ${ns}${d.resource.name}${field}${where}: ${d.message}${fix}`;
}
