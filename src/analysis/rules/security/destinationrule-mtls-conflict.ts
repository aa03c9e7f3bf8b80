import { Severity } from '../../diagnostic';
import { PathSegments } from '../../json-path';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { labelsMatch, MeshModel, PodTemplateRecord } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf } from '../virtualservice-routes';
import { describeObject, describeWorkload, resolveTargetPort, servicePorts, ServicePortRecord, sidecarDisabled } from './common';
import { describeDecision, EffectiveMtls, MtlsDecision } from './effective-mtls';

/** A traffic policy of a DestinationRule that writes a TLS mode. */
interface TlsSetting {
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

function tlsSettingsOf(dr: ObjectRecord): TlsSetting[] {
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
      why: 'its pods run without an Istio sidecar (sidecar.istio.io/inject: "false"), so nothing on the server side terminates Istio mTLS and the connection fails',
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

interface Found {
  readonly dr: ObjectRecord;
  readonly setting: TlsSetting;
  readonly severity: Severity;
  readonly first: string;
  readonly why: string;
  readonly fix: string;
  readonly hosts: Set<string>;
}

/**
 * A DestinationRule TLS mode that cannot work against the effective PeerAuthentication of the
 * workloads behind its host: DISABLE (or SIMPLE) toward STRICT servers, ISTIO_MUTUAL toward
 * servers with mTLS DISABLE or without sidecar, MUTUAL toward STRICT (warning). This is the
 * conflict `istioctl analyze` reported as IST0113 (MTLSPolicyConflict) for the alpha
 * authentication API; current istioctl no longer runs that analyzer, since auto mTLS covers
 * DestinationRules without a tls block, but an explicit tls mode still overrides auto mTLS.
 *
 * Walks the Services of the analysed set once, looks up the DestinationRules of each host
 * (exact, else the closest wildcard) and the effective mode of each backing workload and port
 * from the namespace index; findings are grouped per DestinationRule setting.
 */
export const destinationRuleMtlsConflict: Rule = {
  id: 'destinationrule-mtls-conflict',
  severity: Severity.ERROR,
  istioCode: 'IST0113',
  summary: 'A DestinationRule TLS mode conflicts with the effective PeerAuthentication of its workloads (DISABLE toward STRICT, ISTIO_MUTUAL toward DISABLE or no sidecar).',
  check(model: MeshModel, report: Report): void {
    if (model.destinationRules().length === 0) return;
    const mtls = EffectiveMtls.of(model);
    const found = new Map<string, Found>();
    const settingsCache = new Map<ObjectRecord, TlsSetting[]>();

    for (const svc of model.ofKind('', 'Service')) {
      if (!isPlainObject(svc.spec) || svc.spec.type === 'ExternalName') continue;
      const selector = stringMap(svc.spec.selector);
      if (Object.keys(selector).length === 0) continue;
      const host = `${svc.name}.${svc.namespace}.svc.${model.clusterDomain}`;
      const drs = model.destinationRulesForHost(host);
      if (drs.length === 0) continue;
      const ports = servicePorts(svc).filter((p) => p.protocol !== 'udp');
      if (ports.length === 0) continue;
      const pods = model.podTemplatesMatching(svc.namespace, selector);

      for (const dr of drs) {
        let settings = settingsCache.get(dr);
        if (!settings) {
          settings = tlsSettingsOf(dr);
          settingsCache.set(dr, settings);
        }
        for (const setting of settings) {
          const key = `${dr.namespace}/${dr.name}\u0000${setting.path.join('.')}`;
          const existing = found.get(key);
          if (existing) {
            if (existing.hosts.has(host)) continue;
          }
          const conflict = firstConflict(mtls, svc, setting, ports, pods, selector);
          if (!conflict) continue;
          if (existing) {
            existing.hosts.add(host);
          } else {
            found.set(key, { dr, setting, ...conflict, hosts: new Set([host]) });
          }
        }
      }
    }

    for (const f of found.values()) {
      const hosts = [...f.hosts];
      const others = hosts.length > 1 ? ` (and ${hosts.length - 1} other host${hosts.length > 2 ? 's' : ''}: ${hosts.slice(1, 4).join(', ')}${hosts.length > 4 ? ', …' : ''})` : '';
      const where = f.setting.subset ? ` for subset "${f.setting.subset.name}"` : '';
      report({
        object: f.dr,
        path: f.setting.path,
        severity: f.severity,
        message:
          `${describeObject(f.dr)} sets tls.mode ${f.setting.mode}${where} toward ${f.first}${others}, but ${f.why}.`,
        fix: f.fix,
      });
    }
  },
};

function firstConflict(
  mtls: EffectiveMtls,
  svc: ObjectRecord,
  setting: TlsSetting,
  ports: ServicePortRecord[],
  pods: PodTemplateRecord[],
  selector: Record<string, string>,
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
    for (const port of covered) {
      let server: MtlsDecision | 'no-sidecar';
      let target = port.port;
      if (pod && sidecarDisabled(pod)) {
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
