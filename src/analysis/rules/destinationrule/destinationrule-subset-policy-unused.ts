import { Severity } from '../../diagnostic';
import { trafficIndex } from '../../facts/traffic-index';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { hostOf } from '../../resources/destinationrule';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

export const destinationRuleSubsetPolicyUnused: Rule = {
  id: 'destinationrule-subset-policy-unused',
  kinds: ['DestinationRule'],
  severity: Severity.WARNING,
  summary: 'A DestinationRule subset has its own trafficPolicy, but no VirtualService route sends traffic to that subset, so the policy never applies.',
  origin: 'app',
  docs: 'A DestinationRule subset with its own `trafficPolicy` that no VirtualService route (or mirror)\n' +
    'sends traffic to. Istio builds a separate Envoy cluster per subset, and only routes that name\n' +
    'the subset use it; all other traffic to the host goes to the host\'s own cluster with the\n' +
    'top-level policy. So the subset\'s policy (connection pool, outlier detection, TLS, load\n' +
    'balancer) never applies.\n' +
    '\n' +
    'Only judged when the analysed set has a VirtualService routing to the host: with none, traffic\n' +
    'to the host reaches no subset at all (every subset policy is unused), but the routes may live in\n' +
    'manifests that were not analysed, so nothing is reported. A warning: Istio accepts it, and\n' +
    'nothing breaks, but the settings the author wrote have no effect.',
  fields: 'spec.subsets[].trafficPolicy',
  fix: 'Route to the subset, or move its policy to the top-level trafficPolicy.',
  check(model: MeshModel, report: Report): void {
    const index = trafficIndex(model);
    for (const dr of model.destinationRules()) {
      const host = hostOf(dr);
      if (!host || host.includes('*')) continue;
      const subsets = arrayOf(dr.spec.subsets);
      if (!subsets.some((s) => isPlainObject(s) && isPlainObject(s.trafficPolicy))) continue;
      const fqdn = model.fqdn(host, dr.namespace);
      const destinations = index.destinationsTo(fqdn);
      if (destinations.length === 0) continue;
      const used = new Set(destinations.map((d) => d.subset).filter((s): s is string => s !== undefined));
      const routing = [...new Set(destinations.map((d) => qualifiedName(d.vs)))];
      subsets.forEach((s, i) => {
        if (!isPlainObject(s) || !isPlainObject(s.trafficPolicy) || typeof s.name !== 'string') return;
        if (used.has(s.name)) return;
        const usedText = used.size === 0
          ? 'they name no subset, so all traffic uses the host\'s cluster and the top-level traffic policy'
          : `they only name subset${used.size > 1 ? 's' : ''} ${[...used].sort().map((u) => `"${u}"`).join(', ')}`;
        report({
          object: dr,
          path: ['spec', 'subsets', i, 'trafficPolicy'],
          message:
            `Subset "${s.name}" of ${fqdn} has its own trafficPolicy, but no VirtualService route sends traffic to it ` +
            `(VirtualService${routing.length > 1 ? 's' : ''} ${routing.join(', ')} route${routing.length > 1 ? '' : 's'} to this host; ${usedText}), ` +
            'so this policy never applies.',
          fix:
            `Route to the subset (destination: { host: ${host}, subset: ${s.name} }) where intended; ` +
            'move the settings to the top-level trafficPolicy if they should apply to all traffic; or remove the subset\'s trafficPolicy.',
        });
      });
    }
  },
};
