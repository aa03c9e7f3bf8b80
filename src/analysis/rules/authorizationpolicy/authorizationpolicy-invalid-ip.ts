import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { describeList, valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';
import { ipOrCidrProblem } from '../../validators/ip';

export const authorizationPolicyInvalidIp: Rule = {
  id: 'authorizationpolicy-invalid-ip',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy IP block or IP condition is neither an IP address nor a CIDR block.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s `ValidateIPs` on `ipBlocks`, `notIpBlocks`, `remoteIpBlocks`, `notRemoteIpBlocks` and\n' +
    'the `source.ip`, `remote.ip` and `destination.ip` conditions: each value an IP address or a\n' +
    'CIDR block.',
  fields: 'ipBlocks, remoteIpBlocks, IP conditions',
  fix: 'Write IP addresses or CIDR blocks.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'ipBlock' && list.attribute !== 'remoteIpBlock' && list.attribute !== 'destinationIp') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const problem = ipOrCidrProblem(v);
          if (!problem) return;
          report({
            object: ap,
            path: [...list.path, k],
            message: `${describeList(list)} value "${v}" is not a valid ${v.includes('/') ? 'CIDR block' : 'IP address'}: ${problem}.`,
            fix: 'Write an address such as "10.0.0.1" or "2001:db8::1", or a CIDR block such as "10.0.0.0/16" (prefix length at most 32 for IPv4, 128 for IPv6).',
          });
        });
      }
    }
  },
};
