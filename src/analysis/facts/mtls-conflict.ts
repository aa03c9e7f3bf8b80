import { describeDecision, EffectiveMtls, MtlsDecision } from './effective-mtls';
import { namespaceEnrollment, podEnrollment } from './enrollment';
import { Severity } from '../diagnostic';
import { PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord, stringMap } from '../manifest';
import { labelsMatch, MeshModel, PodTemplateRecord } from '../model';
import { arrayOf } from '../resources/virtualservice';
import { resolveTargetPort, ServicePortRecord, sidecarDisabled } from '../resources/workloads';
import { describeWorkload } from '../text';

/** A traffic policy of a DestinationRule that writes a TLS mode. */
export interface TlsSetting {
  readonly mode: string;
  /** Path of `tls.mode`. */
  readonly path: PathSegments;
  /** Service port number of a port-level setting. */
  readonly port?: number;
  /** Subset name and labels for a subset's policy. */
  readonly subset?: { name: string; labels: Record<string, string> };
  /** Ports of the same policy that have their own port-level TLS (not covered by this setting). */
  readonly overriddenPorts: ReadonlySet<number>;
}

export function tlsSettingsOf(dr: ObjectRecord): TlsSetting[] {
  const out: TlsSetting[] = [];
  if (!isPlainObject(dr.spec)) return out;
  const read = (policy: unknown, path: PathSegments, subset?: TlsSetting['subset']) => {
    if (!isPlainObject(policy)) return;
    const overridden = new Set<number>();
    arrayOf(policy.portLevelSettings).forEach((pl, i) => {
      if (!isPlainObject(pl) || !isPlainObject(pl.tls) || typeof pl.tls.mode !== 'string') return;
      const port = isPlainObject(pl.port) && typeof pl.port.number === 'number' ? pl.port.number : undefined;
      if (port === undefined) return;
      overridden.add(port);
      out.push({ mode: pl.tls.mode, path: [...path, 'portLevelSettings', i, 'tls', 'mode'], port, subset, overriddenPorts: new Set() });
    });
    if (isPlainObject(policy.tls) && typeof policy.tls.mode === 'string') {
      out.push({ mode: policy.tls.mode, path: [...path, 'tls', 'mode'], subset, overriddenPorts: overridden });
    }
  };
  read(dr.spec.trafficPolicy, ['spec', 'trafficPolicy']);
  arrayOf(dr.spec.subsets).forEach((s, i) => {
    if (!isPlainObject(s)) return;
    const name = typeof s.name === 'string' ? s.name : `#${i}`;
    read(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], { name, labels: stringMap(s.labels) });
  });
  return out;
}

/** What goes wrong when a client sidecar uses `drMode` toward a server in `server` mode. */
function conflictOf(drMode: string, server: MtlsDecision | 'no-sidecar'): { severity: Severity; why: string; fix: string } | undefined {
  if (server === 'no-sidecar') {
    if (drMode !== 'ISTIO_MUTUAL') return undefined;
    return {
      severity: Severity.ERROR,
      why: 'its pods run without an Istio sidecar (they opt out of injection, or their namespace does), so nothing on the server side terminates Istio mTLS and the connection fails',
      fix: 'Remove the tls block (auto mTLS then sends plain text to pods without sidecar), or set mode DISABLE for this host; or inject the sidecar.',
    };
  }
  if (server.mode === 'STRICT' && drMode === 'DISABLE') {
    return {
      severity: Severity.ERROR,
      why: `the server side only accepts Istio mTLS: ${describeDecision(server)}, so plain-text connections are rejected (connection reset, 503)`,
      fix: 'Set tls.mode to ISTIO_MUTUAL, or remove the tls block to let auto mTLS choose; or relax the PeerAuthentication to PERMISSIVE for this port if plain text is intended.',
    };
  }
  if (server.mode === 'STRICT' && drMode === 'SIMPLE') {
    return {
      severity: Severity.ERROR,
      why: `the server side requires Istio mTLS with a client certificate: ${describeDecision(server)}; SIMPLE TLS presents no client certificate, so the handshake fails`,
      fix: 'Use ISTIO_MUTUAL for in-mesh destinations (or remove the tls block); SIMPLE is for servers outside the mesh.',
    };
  }
  if (server.mode === 'STRICT' && drMode === 'MUTUAL') {
    return {
      severity: Severity.WARNING,
      why: `the server side requires Istio mTLS: ${describeDecision(server)}; with MUTUAL the client presents the certificate given in the DestinationRule, which the server sidecar only accepts if the mesh CA issued it`,
      fix: 'Use ISTIO_MUTUAL for in-mesh destinations, so the sidecar presents its workload certificate.',
    };
  }
  if (server.mode === 'DISABLE' && drMode === 'ISTIO_MUTUAL') {
    return {
      severity: Severity.ERROR,
      why: `the server side has mTLS turned off: ${describeDecision(server)}, so it expects plain text and the Istio mTLS handshake fails`,
      fix: 'Remove the tls block (auto mTLS follows the server) or set mode DISABLE; or set the PeerAuthentication to PERMISSIVE or STRICT.',
    };
  }
  return undefined;
}

export interface Found {
  readonly dr: ObjectRecord;
  readonly setting: TlsSetting;
  readonly severity: Severity;
  readonly first: string;
  readonly why: string;
  readonly fix: string;
  readonly hosts: Set<string>;
}

/**
 * Whether a pod template's pods run an Istio sidecar, as far as the analysed set says: 'no' when
 * the template or its Namespace object opts out, 'unknown' when its Namespace object (in the set)
 * enrols nothing or puts it in ambient mode (where the sidecar conflicts do not apply), 'yes'
 * otherwise (enrolled, or nothing in the set says otherwise).
 */
export type SidecarPresence = 'yes' | 'no' | 'unknown';

export function sidecarPresence(model: MeshModel, pod: PodTemplateRecord): SidecarPresence {
  if (sidecarDisabled(pod)) return 'no';
  const own = podEnrollment(pod);
  const ns = model.namespaceObject(pod.namespace);
  const mode = own?.mode ?? (ns ? namespaceEnrollment(ns).mode : 'sidecar');
  if (mode === 'out') return 'no';
  return mode === 'sidecar' ? 'yes' : 'unknown';
}

export function firstConflict(
  mtls: EffectiveMtls,
  svc: ObjectRecord,
  setting: TlsSetting,
  ports: ServicePortRecord[],
  pods: PodTemplateRecord[],
  selector: Record<string, string>,
  presence: (pod: PodTemplateRecord) => SidecarPresence = (pod) => (sidecarDisabled(pod) ? 'no' : 'yes'),
): { severity: Severity; first: string; why: string; fix: string } | undefined {
  const covered = ports.filter((p) => (setting.port !== undefined ? p.port === setting.port : !setting.overriddenPorts.has(p.port)));
  if (covered.length === 0) return undefined;
  const targets: Array<PodTemplateRecord | undefined> = setting.subset
    ? pods.filter((p) => labelsMatch(setting.subset!.labels, p.labels))
    : pods;
  // No pod of the Service in the analysed set: judge a pod carrying the Service (and subset) labels.
  const judged = pods.length === 0 ? [undefined] : targets;
  for (const pod of judged) {
    const labels = pod ? pod.labels : { ...selector, ...(setting.subset?.labels ?? {}) };
    const sidecar = pod ? presence(pod) : 'yes';
    // Without knowing whether the server has a sidecar, no conflict is certain.
    if (sidecar === 'unknown') continue;
    for (const port of covered) {
      let server: MtlsDecision | 'no-sidecar';
      let target = port.port;
      if (sidecar === 'no') {
        server = 'no-sidecar';
      } else {
        const resolved = resolveTargetPort(port, pod);
        target = resolved ?? port.port;
        server = resolved !== undefined
          ? mtls.modeAt(svc.namespace, labels, resolved)
          : mtls.forWorkload(svc.namespace, labels).workload;
      }
      const conflict = conflictOf(setting.mode, server);
      if (!conflict) continue;
      const who = pod ? describeWorkload(pod) : `the pods of Service ${svc.namespace}/${svc.name}`;
      return {
        ...conflict,
        first: `${svc.name}.${svc.namespace} port ${port.port}${target !== port.port ? ` (container port ${target})` : ''}, served by ${who}`,
      };
    }
  }
  return undefined;
}
