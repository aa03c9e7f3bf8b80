import { Severity } from '../../diagnostic';
import { flaggerApexName, FLAGGER_GROUP } from '../../facts/controller-routes';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const canaryVirtualServiceConflict: Rule = {
  id: 'canary-virtualservice-conflict',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  summary: 'A VirtualService routes a host whose VirtualService a Flagger Canary writes.',
  origin: 'app',
  docs: 'Flagger writes the VirtualService of its Canary\'s host itself (named after `service.name`, else\n' +
    'the target, for that name and `service.hosts`) and moves its weights. A second VirtualService for\n' +
    'the same host in the mesh conflicts with it: sidecars use only one of the two (istioctl reports\n' +
    'such hosts, IST0109), so either the canary\'s weights or the other routes are ignored; one with\n' +
    'Flagger\'s name is overwritten by Flagger at each reconcile.\n' +
    'Why an error: istioctl reports two mesh VirtualServices for one host as an error (IST0109), and one of them is ignored.',
  fields: 'metadata.name, spec.hosts[]',
  fix: 'Remove the VirtualService (a MeshService handed to Flagger emits none), or move its routes into the Canary\'s service.',
  check(model: MeshModel, report: Report): void {
    const canaries = model.ofKind(FLAGGER_GROUP, 'Canary');
    if (canaries.length === 0) return;
    const byHost = new Map<string, { canary: typeof canaries[number]; apex: string }>();
    for (const canary of canaries) {
      const apex = flaggerApexName(canary);
      if (!apex) continue;
      byHost.set(model.fqdn(apex, canary.namespace), { canary, apex });
      const extra = canary.spec?.service?.hosts;
      if (Array.isArray(extra)) {
        for (const h of extra) if (typeof h === 'string' && h !== '' && h !== '*') byHost.set(model.fqdn(h, canary.namespace), { canary, apex });
      }
    }
    for (const vs of model.virtualServices()) {
      // The one Flagger wrote, read back from a cluster, is owned by its Canary.
      const refs = vs.source.manifest?.metadata?.ownerReferences;
      if (Array.isArray(refs) && refs.some((r: any) => isPlainObject(r) && r.kind === 'Canary' && String(r.apiVersion ?? '').startsWith(`${FLAGGER_GROUP}/`))) continue;
      const owner = [...byHost.values()].find(({ canary, apex }) => canary.namespace === vs.namespace && apex === vs.name);
      if (owner) {
        report({
          object: vs,
          path: ['metadata', 'name'],
          message: `VirtualService ${vs.namespace}/${vs.name} has the name of the one Flagger writes for Canary ${owner.canary.name}; Flagger overwrites it at each reconcile.`,
          fix: 'Remove this VirtualService: Flagger writes it from the Canary\'s service (match, retries, timeout, gateways, hosts).',
        });
        continue;
      }
      const hosts = isPlainObject(vs.spec) && Array.isArray(vs.spec.hosts) ? vs.spec.hosts : [];
      hosts.forEach((h: unknown, i: number) => {
        if (typeof h !== 'string') return;
        const hit = byHost.get(model.fqdn(h, vs.namespace));
        if (!hit) return;
        report({
          object: vs,
          path: ['spec', 'hosts', i],
          message: `VirtualService ${vs.namespace}/${vs.name} routes host ${h}, whose VirtualService Flagger writes for Canary ${hit.canary.namespace}/${hit.canary.name}; ` +
            'two VirtualServices for one host conflict, so sidecars ignore one of them.',
          fix: `Remove host ${h} from this VirtualService, or carry its routes over into Canary ${hit.canary.name}'s service.`,
        });
      });
    }
  },
};
