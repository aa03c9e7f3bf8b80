import { ISTIO_ANNOTATIONS, IstioAnnotationRow } from '../generated/istio-annotations.generated';
import { isPlainObject, ObjectRecord, stringMap } from '../manifest';
import { MeshModel, podTemplateOf } from '../model';
import { arrayOf } from '../resources/virtualservice';

/** Facts of one Istio annotation, from istio/api's annotation list. */
interface AnnotationFacts {
  readonly status: 'Alpha' | 'Beta' | 'Stable';
  readonly deprecated: boolean;
  readonly resources: readonly string[];
}

export const TABLE: ReadonlyMap<string, AnnotationFacts> = new Map(
  ISTIO_ANNOTATIONS.map((row: IstioAnnotationRow) => [row[0], { status: row[1], deprecated: row[2], resources: row[3] }]),
);

/**
 * Istio *labels* people write as annotations by mistake (from istio/api's label list); when an
 * annotation has one of these names the fix says to make it a label.
 */
export const ISTIO_LABELS = new Set([
  'istio.io/rev', 'istio.io/dataplane-mode', 'istio.io/use-waypoint', 'istio.io/use-waypoint-namespace',
  'istio.io/waypoint-for', 'istio.io/ingress-use-waypoint', 'sidecar.istio.io/inject', 'topology.istio.io/network',
  'topology.istio.io/cluster', 'topology.istio.io/subzone', 'service.istio.io/canonical-name',
  'service.istio.io/canonical-revision', 'security.istio.io/tlsMode', 'networking.istio.io/gatewayPort',
]);

/**
 * Alpha annotations istioctl does not report on pods without the `istio-init` container (with
 * Istio CNI, or before injection, which is what pod templates are): Istio sets them itself.
 */
export const ALPHA_SET_BY_ISTIO = new Set([
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
export function writtenAnnotations(model: MeshModel): WrittenAnnotation[] {
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

export function where(a: WrittenAnnotation): string {
  return a.onTemplate ? `the pod template of ${a.object.kind} ${a.object.name}` : `${a.kind} ${a.object.name}`;
}

export function placementAllowed(facts: AnnotationFacts, kind: string): boolean {
  return facts.resources.includes('Any') || facts.resources.includes(kind);
}

export function hasIstioInit(podSpec: unknown): boolean {
  return isPlainObject(podSpec) && arrayOf(podSpec.initContainers).some((c) => isPlainObject(c) && c.name === 'istio-init');
}

/** Kinds of Istio's API groups (the webhook validates their metadata). */
export function isIstioConfig(o: ObjectRecord): boolean {
  return o.group.endsWith('.istio.io');
}

export const GO_BOOLEAN_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
