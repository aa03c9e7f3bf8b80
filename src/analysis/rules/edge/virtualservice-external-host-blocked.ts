/**
 * Outbound traffic under REGISTRY_ONLY: a sidecar forwards only to hosts of its service registry
 * (Kubernetes Services and ServiceEntries). A VirtualService that routes sidecar traffic to a host
 * outside the cluster that no ServiceEntry declares is then routed into a black hole for every
 * workload whose Sidecar (or the mesh config) says REGISTRY_ONLY.
 */
import { meshConfigOf } from './mesh-config';
import { describe, listSome } from './problems';
import { serviceEntryScopes } from './serviceentry-conflicts';
import { sidecarSelector } from './sidecar-webhook';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel, PodTemplateRecord } from '../../model';
import { Report, Rule } from '../../rule';
import { isIpAddress } from '../../validators/ip';
import { arrayOf, destinationsOf, isBoundToMesh } from '../virtualservice-routes';

type Mode = 'REGISTRY_ONLY' | 'ALLOW_ANY';

interface ModeSource {
  readonly mode: Mode;
  /** Why, for messages: `Sidecar shop/default sets REGISTRY_ONLY`. */
  readonly why: string;
}

/** The outbound policy a Sidecar sets itself (mode REGISTRY_ONLY is the proto default), or undefined. */
function sidecarMode(sc: ObjectRecord): ModeSource | undefined {
  const policy = isPlainObject(sc.spec) ? sc.spec.outboundTrafficPolicy : undefined;
  if (!isPlainObject(policy)) return undefined;
  const written = typeof policy.mode === 'string' && policy.mode !== '';
  const mode: Mode = written && policy.mode === 'ALLOW_ANY' ? 'ALLOW_ANY' : 'REGISTRY_ONLY';
  return { mode, why: written ? `${describe(sc)} sets outboundTrafficPolicy ${mode}` : `${describe(sc)} has an outboundTrafficPolicy without mode, which means REGISTRY_ONLY` };
}

/** The mesh-wide outbound policy: the mesh config's, else Istio's default ALLOW_ANY. */
function meshMode(model: MeshModel): ModeSource {
  const mc = meshConfigOf(model);
  const policy = mc && isPlainObject(mc.config.outboundTrafficPolicy) ? mc.config.outboundTrafficPolicy : undefined;
  if (policy && policy.mode === 'REGISTRY_ONLY') return { mode: 'REGISTRY_ONLY', why: `the mesh config (${mc!.label}) sets outboundTrafficPolicy REGISTRY_ONLY` };
  return { mode: 'ALLOW_ANY', why: 'the mesh default is ALLOW_ANY' };
}

/** Effective outbound modes of the app's callers, by namespace, computed once per model. */
class OutboundModes {
  private readonly mesh: ModeSource;
  private readonly defaults = new Map<string, ObjectRecord>();
  private readonly byPod = new Map<PodTemplateRecord, ObjectRecord>();

  constructor(private readonly model: MeshModel) {
    this.mesh = meshMode(model);
    for (const sc of model.sidecars()) {
      const selector = sidecarSelector(sc);
      if (Object.keys(selector).length === 0) {
        if (!this.defaults.has(sc.namespace)) this.defaults.set(sc.namespace, sc);
        continue;
      }
      for (const pod of model.podTemplatesMatching(sc.namespace, selector)) if (!this.byPod.has(pod)) this.byPod.set(pod, sc);
    }
  }

  /** A Sidecar applies its own policy when it has one, else the mesh's. */
  private through(sc: ObjectRecord | undefined): ModeSource {
    if (!sc) return this.mesh;
    return sidecarMode(sc) ?? { mode: this.mesh.mode, why: `${describe(sc)} sets no outboundTrafficPolicy, so ${this.mesh.why}` };
  }

  /** The mode of a namespace's workloads without a workload Sidecar: namespace default, else the root namespace's, else the mesh's. */
  public namespaceMode(ns: string): ModeSource {
    return this.through(this.defaults.get(ns) ?? this.defaults.get(this.model.rootNamespace));
  }

  /** Namespaces where some caller is REGISTRY_ONLY, with the reason. */
  public blockedNamespaces(): Map<string, string> {
    const out = new Map<string, string>();
    for (const pod of this.model.allPodTemplates()) {
      const m = this.byPod.has(pod) ? this.through(this.byPod.get(pod)) : this.namespaceMode(pod.namespace);
      if (m.mode === 'REGISTRY_ONLY' && !out.has(pod.namespace)) out.set(pod.namespace, m.why);
    }
    for (const [ns, sc] of this.defaults) {
      const m = this.through(sc);
      if (m.mode === 'REGISTRY_ONLY' && !out.has(ns) && ns !== this.model.rootNamespace) out.set(ns, m.why);
    }
    return out;
  }

  public anyRegistryOnly(): boolean {
    if (this.mesh.mode === 'REGISTRY_ONLY') return true;
    return this.model.sidecars().some((sc) => sidecarMode(sc)?.mode === 'REGISTRY_ONLY');
  }
}

/** Namespaces a VirtualService is visible in: `all`, or the exportTo list (`.` is its own). */
function visibility(vs: ObjectRecord): { all: boolean; namespaces: Set<string> } {
  const exportTo = arrayOf(isPlainObject(vs.spec) ? vs.spec.exportTo : undefined).filter((e): e is string => typeof e === 'string');
  if (exportTo.length === 0 || exportTo.includes('*')) return { all: true, namespaces: new Set() };
  return { all: false, namespaces: new Set(exportTo.map((e) => (e === '.' ? vs.namespace : e))) };
}

export const virtualServiceExternalHostBlocked: Rule = {
  id: 'virtualservice-external-host-blocked',
  severity: Severity.ERROR,
  summary: 'Under REGISTRY_ONLY outbound traffic (Sidecar or mesh config), a VirtualService routes to an external host that no ServiceEntry visible to the callers declares, so sidecars block it.',
  check(model: MeshModel, report: Report): void {
    const modes = new OutboundModes(model);
    if (!modes.anyRegistryOnly()) return;
    const blocked = modes.blockedNamespaces();
    const clusterSuffix = `.${model.clusterDomain}`;
    const isExternal = (fqdn: string) => fqdn !== '' && fqdn !== '*' && !isIpAddress(fqdn) && !fqdn.endsWith(clusterSuffix) && !model.serviceForHost(fqdn);

    for (const vs of model.virtualServices()) {
      if (!isBoundToMesh(vs)) continue;
      const vis = visibility(vs);
      const callers = new Map<string, string>(vis.all ? blocked : [...blocked].filter(([ns]) => vis.namespaces.has(ns)));
      const own = modes.namespaceMode(vs.namespace);
      if (own.mode === 'REGISTRY_ONLY' && !callers.has(vs.namespace) && (vis.all || vis.namespaces.has(vs.namespace))) callers.set(vs.namespace, own.why);
      if (callers.size === 0) continue;

      const refs: Array<{ host: string; path: Array<string | number>; what: string }> = [];
      // Only where traffic goes matters: Istio gives sidecars a virtual host for every host of a
      // mesh-bound VirtualService, so a public host routed to an in-cluster service works under
      // REGISTRY_ONLY; a destination outside the registry is what the sidecar blocks.
      for (const d of destinationsOf(vs)) {
        if (typeof d.destination.host === 'string') refs.push({ host: d.destination.host, path: [...d.path, 'host'], what: `is a ${d.role === 'route' ? 'route' : 'mirror'} destination` });
      }
      const seen = new Set<string>();
      for (const { host, path, what } of refs) {
        const fqdn = model.fqdn(host, vs.namespace);
        if (!isExternal(fqdn) || seen.has(fqdn)) continue;
        seen.add(fqdn);
        const entries = model.serviceEntriesForHost(fqdn);
        if (entries.some((se) => serviceEntryScopes(se).all)) continue;
        const missing = [...callers].filter(([ns]) => !entries.some((se) => serviceEntryScopes(se).namespaces.has(ns)));
        if (missing.length === 0) continue;
        const hidden = entries.length > 0 ? ` (ServiceEntry ${entries.map((e) => `${e.namespace}/${e.name}`).join(', ')} declares it but is not exported to ${missing.length > 1 ? 'those namespaces' : 'that namespace'})` : '';
        report({
          object: vs,
          path,
          message:
            `"${host}" ${what} and is outside the cluster, but no ServiceEntry declares it${hidden}; outbound traffic is REGISTRY_ONLY for ` +
            `${listSome(missing.map(([ns, why]) => `namespace ${ns} (${why})`), 2)}, so sidecars there drop requests to it (BlackHoleCluster / 502).`,
          fix:
            `Add a ServiceEntry for "${host}" (hosts: ["${host}"], location: MESH_EXTERNAL, resolution: DNS, its ports) exported to ${missing.length > 1 ? 'those namespaces' : `namespace ${missing[0][0]}`}, ` +
            'or set outboundTrafficPolicy mode ALLOW_ANY where these calls come from.',
        });
      }
    }
  },
};
