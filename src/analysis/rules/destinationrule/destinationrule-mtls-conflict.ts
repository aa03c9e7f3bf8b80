import { Severity } from '../../diagnostic';
import { EffectiveMtls } from '../../facts/effective-mtls';
import { firstConflict, Found, SidecarPresence, sidecarPresence, TlsSetting, tlsSettingsOf } from '../../facts/mtls-conflict';
import { trafficIndex } from '../../facts/traffic-index';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { MeshModel, PodTemplateRecord } from '../../model';
import { servicePorts } from '../../resources/workloads';
import { Report, Rule } from '../../rule';
import { describeObject } from '../../text';

export const destinationRuleMtlsConflict: Rule = {
  id: 'destinationrule-mtls-conflict',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0113',
  summary: 'A DestinationRule TLS mode conflicts with the effective PeerAuthentication of its workloads (DISABLE toward STRICT, ISTIO_MUTUAL toward DISABLE or no sidecar).',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message MTLSPolicyConflict (IST0113)',
  docs: 'A DestinationRule TLS mode that cannot work against the effective PeerAuthentication of the\n' +
    'workloads behind its host: DISABLE (or SIMPLE) toward STRICT servers, ISTIO_MUTUAL toward\n' +
    'servers with mTLS DISABLE or without sidecar, MUTUAL toward STRICT (warning). This is the\n' +
    'conflict `istioctl analyze` reported as IST0113 (MTLSPolicyConflict) for the alpha\n' +
    'authentication API; current istioctl no longer runs that analyzer, since auto mTLS covers\n' +
    'DestinationRules without a tls block, but an explicit tls mode still overrides auto mTLS.\n' +
    '\n' +
    'Walks the Services of the analysed set once, looks up the DestinationRules of each host\n' +
    '(exact, else the closest wildcard) and the effective mode of each backing workload and port\n' +
    'from the namespace index; findings are grouped per DestinationRule setting.\n' +
    '\n' +
    'Why an error although istioctl 1.30 accepts the objects: the traffic certainly fails. A sidecar\n' +
    'sending plain text (DISABLE) or TLS without the mesh certificate (SIMPLE) to a server whose sidecar\n' +
    'only accepts Istio mTLS (STRICT) is reset; Istio mTLS (ISTIO_MUTUAL) toward a server that expects\n' +
    'plain text (mTLS DISABLE, or no sidecar) fails the handshake. The error is only given when it is\n' +
    'certain for the analysed set: a server whose namespace (a Namespace object in the set) enrols no\n' +
    'sidecar or runs ambient is not judged, and a conflict on a subset that no VirtualService routes\n' +
    'to is a warning (nothing uses that policy yet).',
  fields: 'trafficPolicy.tls.mode',
  fix: 'Use ISTIO_MUTUAL toward STRICT workloads and DISABLE toward plain-text ones (or remove tls and let auto mTLS decide).',
  check(model: MeshModel, report: Report): void {
    if (model.destinationRules().length === 0) return;
    const mtls = EffectiveMtls.of(model);
    const traffic = trafficIndex(model);
    const presenceCache = new Map<PodTemplateRecord, SidecarPresence>();
    const presence = (pod: PodTemplateRecord): SidecarPresence => {
      let p = presenceCache.get(pod);
      if (p === undefined) {
        p = sidecarPresence(model, pod);
        presenceCache.set(pod, p);
      }
      return p;
    };
    const found = new Map<string, Found>();
    const settingsCache = new Map<ObjectRecord, TlsSetting[]>();

    for (const svc of model.ofKind('', 'Service')) {
      // A Service without a name (a patch or test fragment) has no host any client could call.
      if (svc.name === '' || !isPlainObject(svc.spec) || svc.spec.type === 'ExternalName') continue;
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
          const raw = firstConflict(mtls, svc, setting, ports, pods, selector, presence);
          if (!raw) continue;
          // A subset's policy only carries the traffic routed to that subset: with no route to it
          // in the set, nothing fails yet, so the conflict is a warning.
          const unrouted = setting.subset !== undefined && raw.severity === Severity.ERROR &&
            !traffic.destinationsTo(host).some((d) => d.subset === setting.subset!.name);
          const conflict = unrouted
            ? { ...raw, severity: Severity.WARNING, why: `${raw.why}; no VirtualService in the analysed set routes to subset "${setting.subset!.name}" yet, so this fails once one does` }
            : raw;
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
