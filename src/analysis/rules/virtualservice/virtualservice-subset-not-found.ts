import { Severity } from '../../diagnostic';
import { isDecodable, unreadableTarget } from '../../facts/decodable';
import { closestName, SubsetsForHost } from '../../facts/subsets';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { arrayOf, destinationsOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

/** The readable rules of a host, their subsets, and the rules of the host istioctl cannot decode. */
interface Entry extends SubsetsForHost {
  readonly unreadable: readonly ObjectRecord[];
}

export const virtualServiceSubsetNotFound: Rule = {
  id: 'virtualservice-subset-not-found',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A VirtualService routes or mirrors to a subset that no DestinationRule for that host defines.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'A VirtualService destination (route, mirror or mirrors) names a subset that no DestinationRule\n' +
    'for its host defines. Envoy has no cluster for it and answers 503 (NC, no cluster).\n' +
    '\n' +
    'Hosts resolve as Istio resolves them: a short destination host relative to the VirtualService\'s\n' +
    'namespace, a DestinationRule host relative to the DestinationRule\'s namespace. A wildcard\n' +
    'DestinationRule (`*.ns.svc.cluster.local`) applies when no exact one exists, as at runtime.\n' +
    'A DestinationRule Istio cannot decode (a field of the wrong JSON type, an integer its protobuf\n' +
    'type cannot hold, an unknown enum name, a duration without unit) defines no subsets: istioctl and\n' +
    'the API server drop it. The message then says the rule is present but unreadable.',
  fields: 'spec.*[].route[].destination.subset, mirror',
  fix: 'Add the subset to the DestinationRule of that host, or route to an existing subset.',
  check(model: MeshModel, report: Report): void {
    // One lookup per distinct host, however many routes name it.
    const cache = new Map<string, Entry>();
    const subsetsFor = (fqdn: string): Entry => {
      let entry = cache.get(fqdn);
      if (!entry) {
        // istioctl drops a DestinationRule it cannot decode, and its subsets with it.
        const all = model.destinationRulesForHost(fqdn);
        const rules = all.filter((dr) => isDecodable(model, dr));
        const unreadable = all.filter((dr) => !isDecodable(model, dr));
        const subsets = new Set<string>();
        for (const dr of rules) {
          for (const s of arrayOf(isPlainObject(dr.spec) ? dr.spec.subsets : undefined)) {
            if (isPlainObject(s) && typeof s.name === 'string') subsets.add(s.name);
          }
        }
        entry = { rules, subsets, unreadable };
        cache.set(fqdn, entry);
      }
      return entry;
    };

    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const { subset, host } = ref.destination;
        if (typeof subset !== 'string' || subset === '' || typeof host !== 'string' || host === '') continue;
        const fqdn = model.fqdn(host, vs.namespace);
        const { rules, subsets, unreadable } = subsetsFor(fqdn);
        if (subsets.has(subset)) continue;

        const verb = ref.role === 'route' ? 'Routes to' : 'Mirrors to';
        const resolved = fqdn === host ? '' : ` (${fqdn})`;
        const target = `${verb} subset "${subset}" of host "${host}"${resolved}`;
        let message: string;
        let fix: string;
        const unread = unreadable.map((dr) => unreadableTarget(model, dr)).join('; ');
        if (rules.length === 0 && unreadable.length > 0) {
          message = `${target}, but DestinationRule ${unreadable.map(qualifiedName).join(', ')} cannot be used: ${unread}. ` +
            'Without it the subset does not exist, and requests to it fail with 503 (no cluster).';
          fix = `Fix DestinationRule ${unreadable.map(qualifiedName).join(', ')} (its own schema errors say how) so Istio can read it; the subset reference is right if that rule defines "${subset}".`;
        } else if (rules.length === 0) {
          message =
            `${target}, but no DestinationRule for that host is in the analysed set, ` +
            'so the subset does not exist and requests to it fail with 503 (no cluster).';
          fix =
            `Add a DestinationRule with host "${fqdn}" that defines a subset named "${subset}" ` +
            '(labelled like the pods of that version), or drop the subset from the destination.';
        } else {
          const names = [...subsets].sort();
          const list = names.map((n) => `"${n}"`).join(', ');
          const ruleNames = rules.map(qualifiedName).join(', ');
          message =
            `${target}, but DestinationRule ${ruleNames} ` +
            (names.length === 0 ? 'defines no subsets' : `defines only ${list}`) +
            ', so requests to it fail with 503 (no cluster).' +
            (unreadable.length > 0 ? ` (${unread}.)` : '');
          // A guess among one name says nothing the list does not: only offer one among several.
          const closest = names.length > 1 ? closestName(subset, names) : undefined;
          const use = names.length === 1 ? `Use the defined subset ${list}` : `Use one of the defined subsets ${list}`;
          fix =
            names.length === 0
              ? `Add a subset named "${subset}" to the DestinationRule for ${fqdn}.`
              : `${use}${closest ? ` (did you mean "${closest}"?)` : ''}, ` +
                `or add a subset named "${subset}" to the DestinationRule for ${fqdn}.`;
        }
        report({ object: vs, path: [...ref.path, 'subset'], message, fix });
      }
    }
  },
};
