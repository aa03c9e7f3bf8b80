import { workloadSelectorOf } from './selectors';
import { PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel, PodTemplateRecord } from '../model';
import { arrayOf } from './virtualservice';

/** The three `security.istio.io` policy kinds that select workloads. */
export type SecurityPolicyKind = 'PeerAuthentication' | 'AuthorizationPolicy' | 'RequestAuthentication';

/** Whether the policy targets workloads by labels (a non-empty `selector.matchLabels`). */
export function hasWorkloadSelector(policy: ObjectRecord): boolean {
  return Object.keys(workloadSelectorOf(policy)).length > 0;
}

/** Whether the policy is attached through `targetRef` / `targetRefs` (a Service or gateway) instead of a selector. */
export function hasTargetRef(policy: ObjectRecord): boolean {
  if (!isPlainObject(policy.spec)) return false;
  return isPlainObject(policy.spec.targetRef) || arrayOf(policy.spec.targetRefs).length > 0;
}

/**
 * The workloads an AuthorizationPolicy or RequestAuthentication applies to, as Istio binds it:
 * with a selector, the pods of its namespace carrying those labels, or of every namespace when
 * the policy lives in the root namespace; without selector, every pod of its namespace, or of
 * the whole mesh in the root namespace. (PeerAuthentication differs: a selector policy in the
 * root namespace is ignored; see EffectiveMtls.)
 */
export function targetedPods(model: MeshModel, policy: ObjectRecord): PodTemplateRecord[] {
  const selector = workloadSelectorOf(policy);
  const root = policy.namespace === model.rootNamespace;
  if (Object.keys(selector).length > 0) {
    if (!root) return model.podTemplatesMatching(policy.namespace, selector);
    return [...model.namespaceNames()].flatMap((ns) => model.podTemplatesMatching(ns, selector));
  }
  return root ? model.allPodTemplates() : model.podTemplates(policy.namespace);
}

/** The service account a pod template runs as: `serviceAccountName`, the legacy `serviceAccount`, else `default`. */
export function serviceAccountOf(pod: PodTemplateRecord): string {
  const spec = pod.podSpec;
  if (isPlainObject(spec)) {
    if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') return spec.serviceAccountName;
    if (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') return spec.serviceAccount;
  }
  return 'default';
}

/** Metadata of the pod template (labels and annotations the pods get). */
function templateMetadata(pod: PodTemplateRecord): Record<string, any> {
  let node: any = pod.owner.source.manifest;
  for (const seg of pod.labelsPath.slice(0, -2)) {
    node = isPlainObject(node) ? node[seg] : undefined;
  }
  return isPlainObject(node) && isPlainObject(node.metadata) ? node.metadata : {};
}

/**
 * Whether the pods are explicitly kept out of the mesh: `sidecar.istio.io/inject: "false"` as
 * a pod label (current form) or annotation (legacy form). Anything else is taken as injected,
 * since namespace labels and the injector's defaults are not in the manifests.
 */
export function sidecarDisabled(pod: PodTemplateRecord): boolean {
  const meta = templateMetadata(pod);
  const label = isPlainObject(meta.labels) ? meta.labels['sidecar.istio.io/inject'] : undefined;
  const annotation = isPlainObject(meta.annotations) ? meta.annotations['sidecar.istio.io/inject'] : undefined;
  const off = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
  return off(label) || (label === undefined && off(annotation));
}

/** Container ports of a pod template, by name and number. */
export function containerPorts(pod: PodTemplateRecord): Array<{ name?: string; port: number }> {
  const out: Array<{ name?: string; port: number }> = [];
  const spec = pod.podSpec;
  if (!isPlainObject(spec)) return out;
  for (const c of [...arrayOf(spec.containers), ...arrayOf(spec.initContainers)]) {
    if (!isPlainObject(c)) continue;
    for (const p of arrayOf(c.ports)) {
      if (isPlainObject(p) && typeof p.containerPort === 'number') {
        out.push({ ...(typeof p.name === 'string' ? { name: p.name } : {}), port: p.containerPort });
      }
    }
  }
  return out;
}

/** How Istio will treat the traffic of a Service port. */
export type PortProtocol = 'http' | 'opaque' | 'unknown' | 'udp';

const HTTP_PROTOCOLS = new Set(['http', 'http2', 'grpc', 'grpc-web', 'http_proxy', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'ws']);
const OPAQUE_PROTOCOLS = new Set(['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis', 'kubernetes.io/wss', 'wss']);

/** A Service port read off a manifest. */
export interface ServicePortRecord {
  readonly service: ObjectRecord;
  readonly index: number;
  readonly name?: string;
  readonly port: number;
  /** `targetPort` as written (number or container port name); the port itself when absent. */
  readonly targetPort: number | string;
  readonly protocol: PortProtocol;
  /** What decided the protocol, for messages: `name "tcp-db"` or `appProtocol "mysql"`. */
  readonly protocolSource: string;
}

/**
 * The ports of a Service with the protocol Istio derives for each: `appProtocol` first, then the
 * port name's prefix (`http-…`, `tcp-…`); `unknown` when neither says (Istio sniffs the protocol);
 * `udp` for non-TCP ports, which the sidecar does not capture.
 */
export function servicePorts(svc: ObjectRecord): ServicePortRecord[] {
  if (!isPlainObject(svc.spec)) return [];
  const out: ServicePortRecord[] = [];
  arrayOf(svc.spec.ports).forEach((p, index) => {
    if (!isPlainObject(p) || typeof p.port !== 'number') return;
    const name = typeof p.name === 'string' ? p.name : undefined;
    const targetPort = typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : p.port;
    let protocol: PortProtocol = 'unknown';
    let protocolSource = name ? `name "${name}"` : 'no name';
    if (typeof p.protocol === 'string' && p.protocol !== '' && p.protocol.toUpperCase() !== 'TCP') {
      protocol = 'udp';
      protocolSource = `protocol ${p.protocol}`;
    } else if (typeof p.appProtocol === 'string' && p.appProtocol !== '') {
      protocol = classify(p.appProtocol);
      protocolSource = `appProtocol "${p.appProtocol}"`;
    } else if (name) {
      const prefix = name.split('-')[0];
      protocol = classify(prefix);
    }
    out.push({ service: svc, index, ...(name ? { name } : {}), port: p.port, targetPort, protocol, protocolSource });
  });
  return out;
}

function classify(value: string): PortProtocol {
  const v = value.toLowerCase();
  if (HTTP_PROTOCOLS.has(v)) return 'http';
  if (OPAQUE_PROTOCOLS.has(v)) return 'opaque';
  return 'unknown';
}

/**
 * The container port number a Service port reaches on `pod`: a numeric `targetPort`, or the
 * container port of that name (undefined when the pod does not declare it).
 */
export function resolveTargetPort(port: ServicePortRecord, pod: PodTemplateRecord | undefined): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (/^[0-9]+$/.test(port.targetPort)) return Number(port.targetPort);
  if (!pod) return undefined;
  return containerPorts(pod).find((c) => c.name === port.targetPort)?.port;
}

/** Path segments helper: `['spec', 'rules', i, …]`. */
export function rulePath(i: number, ...rest: Array<string | number>): PathSegments {
  return ['spec', 'rules', i, ...rest];
}

/**
 * Istio's namespace pattern match for `namespaces` / `source.namespace`: `*` alone matches any
 * namespace, a leading or trailing `*` a suffix or prefix; Envoy gets a regex in which every `*`
 * is `.*`, so a `*` in the middle also works there.
 */
export function namespacePatternMatches(pattern: string, namespace: string): boolean {
  if (!pattern.includes('*')) return pattern === namespace;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
  return re.test(namespace);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
