import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { hostOf } from '../../resources/destinationrule';
import { serviceExists } from '../../resources/service-lookup';
import { Report, Rule } from '../../rule';

export const destinationRuleHostNotFound: Rule = {
  id: 'destinationrule-host-not-found',
  kinds: ['DestinationRule'],
  severity: Severity.WARNING,
  istioCode: 'IST0174',
  summary: 'A DestinationRule host matches no Service or ServiceEntry of the app, so its policy applies to nothing.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message UnknownDestinationRuleHost (IST0174)',
  docs: 'istioctl\'s UnknownDestinationRuleHost (IST0174): the host is no Service and no ServiceEntry.\n' +
    'Only judged where the analysed set can tell: a cluster-local host in a namespace the app has\n' +
    'objects in, or a host outside the cluster domain when no ServiceEntry declares it. Wildcard\n' +
    'hosts (`*.ns.svc.cluster.local`) are not reported: they apply to whatever matches them.',
  fields: 'spec.host',
  fix: 'Use the name of an existing Service, or declare the external host with a ServiceEntry.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      const host = hostOf(dr);
      if (!host || host.includes('*')) continue;
      const fqdn = model.fqdn(host, dr.namespace);
      const verdict = serviceExists(model, fqdn);
      if (verdict !== 'missing') continue;
      report({
        object: dr,
        path: ['spec', 'host'],
        message:
          `Host "${host}"${fqdn !== host ? ` (${fqdn})` : ''} matches no Service and no ServiceEntry of the analysed manifests, ` +
          'so this DestinationRule configures traffic to nothing.',
        fix: fqdn.endsWith(`.svc.${model.clusterDomain}`)
          ? 'Use the name of an existing Service (name.namespace.svc.cluster.local), or create the Service.'
          : 'Declare the external host with a ServiceEntry, or fix the host name.',
      });
    }
  },
};
