import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { arrayOf, hostsOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { gatewayOnly, hostsMatch } from '../../validation/virtualservice';
import { isIpAddress } from '../../validators/ip';
import { wildcardDomainProblem } from '../../validators/webhook-values';

export const virtualServiceInvalidHost: Rule = {
  id: 'virtualservice-invalid-host',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService host is not a domain name, is "*" on a VirtualService for the mesh, or repeats (or covers) another of its hosts.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Istio\'s webhook checks of `spec.hosts` (ValidateVirtualService): each host is a domain name\n' +
    '(an IP address is accepted; a gateway-only VirtualService may use `*`), `*` is refused for the\n' +
    'mesh, and no host may repeat or be covered by another host of the same VirtualService.',
  fields: 'spec.hosts',
  fix: 'Write service names or domains once each; use "*" only on gateway-only VirtualServices.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      const hosts = hostsOf(vs);
      const toGateways = gatewayOnly(vs);
      let allValid = true;
      // hostsOf skips empty entries (they name no host for the other rules), but the webhook reads
      // hosts [""] as one host, so the VirtualService is no delegate and "" fails as a domain.
      arrayOf(isPlainObject(vs.spec) ? vs.spec.hosts : undefined).forEach((h, index) => {
        if (h !== '') return;
        allValid = false;
        report({
          object: vs,
          path: ['spec', 'hosts', index],
          message: 'Host "" is empty; Istio rejects an empty domain name.',
          fix: 'Write the service name or domain this VirtualService routes (reviews, reviews.shop.svc.cluster.local, *.example.com), or remove the entry.',
        });
      });
      for (const { host, index } of hosts) {
        const path = ['spec', 'hosts', index];
        if (host === '*') {
          if (!toGateways) {
            allValid = false;
            report({
              object: vs,
              path,
              message: 'Host "*" is refused for a VirtualService that applies to the mesh (no gateways, or "mesh" among them).',
              fix: 'Name the services this VirtualService routes, or bind it to gateways only.',
            });
          }
          continue;
        }
        const problem = isIpAddress(host) ? undefined : wildcardDomainProblem(host);
        if (problem) {
          allValid = false;
          report({ object: vs, path, message: `Host "${host}" is not a domain name: ${problem}; Istio rejects it.`, fix: 'Write a service name (reviews, reviews.shop.svc.cluster.local) or a domain (*.example.com).' });
        }
      }
      if (!allValid) continue;
      for (let i = 0; i < hosts.length; i++) {
        for (let j = i + 1; j < hosts.length; j++) {
          if (!hostsMatch(hosts[i].host, hosts[j].host)) continue;
          report({
            object: vs,
            path: ['spec', 'hosts', hosts[j].index],
            message: `Hosts "${hosts[i].host}" and "${hosts[j].host}" of this VirtualService ${hosts[i].host === hosts[j].host ? 'repeat each other' : 'overlap'}; Istio rejects duplicate hosts.`,
            fix: 'Keep one of them.',
          });
        }
      }
    }
  },
};
