import { Severity } from '../../diagnostic';
import { describeHash, hashFor } from '../../facts/consistent-hash';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { hostOf } from '../../resources/destinationrule';
import { arrayOf, describeRoute, routeList, weightedSplitsOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

export const destinationRuleConsistentHashWithWeightedSplit: Rule = {
  id: 'destinationrule-consistent-hash-with-weighted-split',
  kinds: ['DestinationRule'],
  severity: Severity.WARNING,
  summary: 'A DestinationRule uses consistent-hash affinity on a host that a VirtualService splits by weight, so users are not kept on one subset.',
  origin: 'envoy',
  docs: 'Consistent-hash load balancing (session affinity) on a host whose traffic a VirtualService\n' +
    'route splits by weight across several destinations (typically subsets of a canary).\n' +
    '\n' +
    'Istio turns each weighted destination into its own Envoy cluster and the split into Envoy\'s\n' +
    '`weighted_clusters`, which picks a cluster at random per request by weight. The hash only picks\n' +
    'an endpoint *inside* the chosen cluster, so the same user (cookie, header, source IP) is sent to\n' +
    'different subsets from one request to the next: stickiness is lost across the split (istio/istio\n' +
    '#9764, #33343; Istio does not enable Envoy\'s `use_hash_policy` for weighted clusters).\n' +
    '\n' +
    'A warning rather than an error: Istio and Envoy accept it and requests succeed, and affinity\n' +
    'still holds within each subset, but the affinity the author asked for does not happen.',
  fields: 'trafficPolicy.loadBalancer.consistentHash',
  fix: 'Pin users to a subset with a match in the VirtualService instead of weights.',
  check(model: MeshModel, report: Report): void {
    // Only hosts that have a consistent hash somewhere are worth looking at.
    const hashedHosts = new Set<string>();
    for (const dr of model.destinationRules()) {
      const host = hostOf(dr);
      if (!host) continue;
      const spec = dr.spec;
      const hashed = isPlainObject(spec.trafficPolicy?.loadBalancer?.consistentHash) ||
        arrayOf(spec.subsets).some((s) => isPlainObject(s?.trafficPolicy?.loadBalancer?.consistentHash));
      if (hashed) hashedHosts.add(model.fqdn(host, dr.namespace));
    }
    if (hashedHosts.size === 0) return;

    for (const vs of model.virtualServices()) {
      for (const split of weightedSplitsOf(vs)) {
        const live = split.entries.filter((e) => e.destination && typeof e.destination.host === 'string' &&
          (split.entries.length === 1 || (typeof e.weight === 'number' && e.weight > 0)));
        if (live.length < 2) continue;
        const targets = live.map((e) => {
          const fqdn = model.fqdn(e.destination!.host, vs.namespace);
          const subset = typeof e.destination!.subset === 'string' && e.destination!.subset !== '' ? e.destination!.subset : undefined;
          return { entry: e, fqdn, subset };
        });
        if (new Set(targets.map((t) => `${t.fqdn}|${t.subset ?? ''}`)).size < 2) continue;
        if (!targets.some((t) => hashedHosts.has(t.fqdn))) continue;

        const shares = targets.map((t) => `${t.entry.destination!.host}${t.subset ? ` subset ${t.subset}` : ''} (weight ${t.entry.weight})`).join(', ');
        const route = describeRoute(routeList(vs, split.kind)[split.routeIndex], split.routeIndex);
        const reported = new Set<string>();
        for (const t of targets) {
          if (!hashedHosts.has(t.fqdn)) continue;
          const dr = model.destinationRulesForHost(t.fqdn)[0];
          const source = dr ? hashFor(dr, t.subset) : undefined;
          if (!source) continue;
          const key = `${qualifiedName(source.dr)}|${source.path.join('.')}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const how = describeHash(source.consistentHash);
          report({
            object: source.dr,
            path: source.path,
            message:
              `consistentHash${how ? ` ${how}` : ''} keeps a client on one endpoint only within a subset, but VirtualService ` +
              `${qualifiedName(vs)} ${split.kind} ${route} splits traffic by weight across ${shares}; Envoy picks the weighted ` +
              'destination at random for each request, so the same client lands on different subsets and stickiness is lost across the split.',
            fix:
              'To keep users on one version, route them with a match before the weighted route (e.g. on the same cookie or header the hash uses, ' +
              'sending each value to one subset), or send all traffic of the sticky host to a single destination.',
          });
        }
      }
    }
  },
};
