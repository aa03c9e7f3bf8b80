import { ANNOTATION_VALUE_CHECKS } from './annotation-values';
import { ISTIO_ANNOTATIONS, IstioAnnotationRow } from './istio-annotations.generated';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { MeshModel, podTemplateOf } from '../../model';
import { Report, Rule } from '../../rule';
import { closestNames } from '../../text';
import { arrayOf } from '../virtualservice-routes';

/** Facts of one Istio annotation, from istio/api's annotation list. */
interface AnnotationFacts {
  readonly status: 'Alpha' | 'Beta' | 'Stable';
  readonly deprecated: boolean;
  readonly resources: readonly string[];
}

const TABLE: ReadonlyMap<string, AnnotationFacts> = new Map(
  ISTIO_ANNOTATIONS.map((row: IstioAnnotationRow) => [row[0], { status: row[1], deprecated: row[2], resources: row[3] }]),
);

/**
 * Istio *labels* people write as annotations by mistake (from istio/api's label list); when an
 * annotation has one of these names the fix says to make it a label.
 */
const ISTIO_LABELS = new Set([
  'istio.io/rev', 'istio.io/dataplane-mode', 'istio.io/use-waypoint', 'istio.io/use-waypoint-namespace',
  'istio.io/waypoint-for', 'istio.io/ingress-use-waypoint', 'sidecar.istio.io/inject', 'topology.istio.io/network',
  'topology.istio.io/cluster', 'topology.istio.io/subzone', 'service.istio.io/canonical-name',
  'service.istio.io/canonical-revision', 'security.istio.io/tlsMode', 'networking.istio.io/gatewayPort',
]);

/**
 * Alpha annotations istioctl does not report on pods without the `istio-init` container (with
 * Istio CNI, or before injection, which is what pod templates are): Istio sets them itself.
 */
const ALPHA_SET_BY_ISTIO = new Set([
  'sidecar.istio.io/interceptionMode',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
]);

/**
 * Whether an annotation key is in Istio's namespace: its prefix is `istio.io` or a subdomain of
 * it, or it is `kubernetes.io/ingress.class`, which Istio documents. istioctl tests the prefix
 * with a plain suffix match, which would also claim `cdk8s-istio.io/…`; we use the domain.
 */
export function isIstioAnnotation(key: string): boolean {
  if (key === 'kubernetes.io/ingress.class') return true;
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const prefix = key.slice(0, slash);
  return prefix === 'istio.io' || prefix.endsWith('.istio.io');
}

/** One Istio annotation written on an object or on a pod template. */
interface WrittenAnnotation {
  readonly object: ObjectRecord;
  /** Kind the annotation is judged on: the object's kind, or `Pod` for a pod template. */
  readonly kind: string;
  readonly key: string;
  readonly value: string;
  readonly path: Array<string | number>;
  /** Labels next to the annotations (the object's, or the pod template's). */
  readonly labels: Record<string, string>;
  /** Whether the annotation sits on a pod template rather than on the object itself. */
  readonly onTemplate: boolean;
  /** Pod spec, for annotations judged on `Pod`. */
  readonly podSpec?: unknown;
}

/** Every Istio annotation of the analysed objects and of their pod templates, in input order. */
function writtenAnnotations(model: MeshModel): WrittenAnnotation[] {
  return model.memo('writtenAnnotations', readWrittenAnnotations);
}

function readWrittenAnnotations(model: MeshModel): WrittenAnnotation[] {
  const out: WrittenAnnotation[] = [];
  for (const o of model.objects) {
    const podSpec = o.kind === 'Pod' && o.group === '' ? o.spec : undefined;
    for (const [key, value] of Object.entries(o.annotations)) {
      if (!isIstioAnnotation(key)) continue;
      out.push({ object: o, kind: o.kind, key, value, path: ['metadata', 'annotations', key], labels: o.labels, onTemplate: false, podSpec });
    }
    const template = o.kind === 'Pod' ? undefined : podTemplateOf(o);
    if (!template) continue;
    const metaPath = template.labelsPath.slice(0, -1);
    let meta: any = o.source.manifest;
    for (const seg of metaPath) meta = isPlainObject(meta) ? meta[seg] : undefined;
    const annotations = isPlainObject(meta) ? stringMap(meta.annotations) : {};
    for (const [key, value] of Object.entries(annotations)) {
      if (!isIstioAnnotation(key)) continue;
      out.push({
        object: o,
        kind: 'Pod',
        key,
        value,
        path: [...metaPath, 'annotations', key],
        labels: template.labels,
        onTemplate: true,
        podSpec: template.podSpec,
      });
    }
  }
  return out;
}

function where(a: WrittenAnnotation): string {
  return a.onTemplate ? `the pod template of ${a.object.kind} ${a.object.name}` : `${a.kind} ${a.object.name}`;
}

function placementAllowed(facts: AnnotationFacts, kind: string): boolean {
  return facts.resources.includes('Any') || facts.resources.includes(kind);
}

/** istioctl's UnknownAnnotation (IST0108): an Istio-domain annotation Istio does not define. */
export const annotationUnknown: Rule = {
  id: 'annotation-unknown',
  severity: Severity.WARNING,
  istioCode: 'IST0108',
  summary: 'An annotation in the istio.io domain is not one Istio defines (a typo, or a label written as an annotation), so Istio ignores it.',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      if (TABLE.has(a.key)) continue;
      const label = ISTIO_LABELS.has(a.key);
      const guesses = label ? [] : closestNames(a.key, TABLE.keys(), 1).map((m) => m.name);
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} is not an Istio annotation${label ? ' (Istio reads it as a label)' : ''}, so Istio ignores it.`,
        fix: label
          ? `Move "${a.key}: ${a.value}" from annotations to labels.`
          : guesses.length > 0
            ? `Did you mean "${guesses[0]}"? Otherwise remove the annotation.`
            : 'Check the name against https://istio.io/latest/docs/reference/config/annotations/, or remove the annotation.',
      });
    }
  },
};

/** istioctl's MisplacedAnnotation (IST0107): an Istio annotation on a kind that does not read it. */
export const annotationMisplaced: Rule = {
  id: 'annotation-misplaced',
  severity: Severity.WARNING,
  istioCode: 'IST0107',
  summary: 'An Istio annotation is written on a kind that does not read it, e.g. a sidecar annotation on a Deployment instead of its pod template.',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      if (!facts || placementAllowed(facts, a.kind)) continue;
      const kinds = facts.resources.filter((r) => r !== 'Any');
      const podTemplate = kinds.includes('Pod') && podTemplateOf(a.object) !== undefined && !a.onTemplate;
      report({
        object: a.object,
        path: a.path,
        message:
          `Annotation "${a.key}" is written on ${where(a)}, but Istio only reads it on ${kinds.join(', ')}` +
          `${podTemplate ? ': the pods of this workload never get it' : ''}.`,
        fix: podTemplate
          ? `Move it to spec${a.object.kind === 'CronJob' ? '.jobTemplate.spec' : ''}.template.metadata.annotations (the pod template).`
          : `Write it on the ${kinds.join(' or ')} it configures, or remove it.`,
      });
    }
  },
};

/** istioctl's InvalidAnnotation (IST0125): a value the sidecar injector refuses. */
export const annotationInvalid: Rule = {
  id: 'annotation-invalid',
  severity: Severity.WARNING,
  istioCode: 'IST0125',
  summary: 'An Istio annotation has a value the sidecar injector refuses (interception mode, ports, CIDR ranges, booleans, proxy config).',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      const check = ANNOTATION_VALUE_CHECKS[a.key];
      if (!facts || !check || !placementAllowed(facts, a.kind)) continue;
      const problem = check(a.value);
      if (!problem) continue;
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} has the value ${JSON.stringify(a.value)}: ${problem}. The sidecar injector rejects the pod.`,
        fix: 'Write a valid value (see https://istio.io/latest/docs/reference/config/annotations/), or remove the annotation.',
      });
    }
  },
};

/** istioctl's DeprecatedAnnotation (IST0135). */
export const annotationDeprecated: Rule = {
  id: 'annotation-deprecated',
  severity: Severity.INFO,
  istioCode: 'IST0135',
  summary: 'An Istio annotation is deprecated and may stop working in a future Istio release.',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      if (!facts?.deprecated) continue;
      const inject = a.key === 'sidecar.istio.io/inject';
      // Like istioctl: both the annotation and its replacement label is a deliberate transition.
      if (inject && a.labels[a.key] !== undefined) continue;
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} is deprecated${inject ? ' in favour of the label of the same name' : ''} and may not work in future Istio versions.`,
        fix: inject
          ? `Set the label sidecar.istio.io/inject: "${a.value}" on the pod template instead.`
          : 'Remove it, or replace it as the Istio annotation reference describes.',
      });
    }
  },
};

/** istioctl's AlphaAnnotation (IST0136; istioctl only runs it on request, as it is noisy). */
export const annotationAlpha: Rule = {
  id: 'annotation-alpha',
  severity: Severity.INFO,
  istioCode: 'IST0136',
  summary: 'An Istio annotation belongs to an alpha feature, which may change or be incompletely supported.',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      if (!facts || facts.status !== 'Alpha' || a.key === 'sidecar.istio.io/status') continue;
      if (a.kind === 'Pod' && ALPHA_SET_BY_ISTIO.has(a.key) && !hasIstioInit(a.podSpec)) continue;
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} is part of an alpha Istio feature and may be incompletely supported.`,
        fix: 'Keep it if you rely on the feature; otherwise remove it. Skip this rule with the ignore option if alpha features are intended.',
      });
    }
  },
};

function hasIstioInit(podSpec: unknown): boolean {
  return isPlainObject(podSpec) && arrayOf(podSpec.initContainers).some((c) => isPlainObject(c) && c.name === 'istio-init');
}

/** Kinds of Istio's API groups (the webhook validates their metadata). */
function isIstioConfig(o: ObjectRecord): boolean {
  return o.group.endsWith('.istio.io');
}

/**
 * Istio's webhook check of the `istio.io/dry-run` annotation (validateMetadata): only an
 * AuthorizationPolicy with action ALLOW or DENY may carry it, and its value must be a boolean.
 */
export const annotationInvalidDryRun: Rule = {
  id: 'annotation-invalid-dry-run',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An Istio object carries istio.io/dry-run although it is not an ALLOW or DENY AuthorizationPolicy, or with a value that is not a boolean.',
  check(model: MeshModel, report: Report): void {
    for (const o of model.objects) {
      const value = o.annotations['istio.io/dry-run'];
      if (value === undefined || !isIstioConfig(o)) continue;
      const path = ['metadata', 'annotations', 'istio.io/dry-run'];
      if (o.kind !== 'AuthorizationPolicy') {
        report({ object: o, path, message: `Only AuthorizationPolicies support istio.io/dry-run; Istio rejects this ${o.kind}.`, fix: 'Remove the annotation.' });
        continue;
      }
      const action = isPlainObject(o.spec) && typeof o.spec.action === 'string' ? o.spec.action : 'ALLOW';
      if (action !== 'ALLOW' && action !== 'DENY') {
        report({ object: o, path, message: `istio.io/dry-run only works with action ALLOW or DENY; Istio rejects it on a ${action} policy.`, fix: 'Remove the annotation, or test the policy as ALLOW or DENY.' });
      } else if (!GO_BOOLEAN_VALUES.has(value)) {
        report({ object: o, path, message: `istio.io/dry-run is ${JSON.stringify(value)}, which is not a boolean; Istio rejects it.`, fix: 'Write "true" or "false".' });
      }
    }
  },
};

const GO_BOOLEAN_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

export const ANNOTATION_RULES: readonly Rule[] = [
  annotationInvalidDryRun,
  annotationUnknown,
  annotationMisplaced,
  annotationInvalid,
  annotationDeprecated,
  annotationAlpha,
];
