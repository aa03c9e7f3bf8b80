import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { describeList, valueListsOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';

export const authorizationPolicyInvalidPort: Rule = {
  id: 'authorizationpolicy-invalid-port',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy port or destination.port condition is not a port number 1..65535.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s `ValidatePorts` on `ports`, `notPorts` and the `destination.port` condition: decimal\n' +
    'numbers up to 65535. Port 0 passes Istio\'s check but no connection arrives on it, so it is\n' +
    'reported too.',
  fields: 'to[].operation.ports, destination.port',
  fix: 'Write port numbers 1..65535 as strings.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'port') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const n = /^[0-9]+$/.test(v) ? Number(v) : NaN;
          if (n >= 1 && n <= 65535) return;
          report({
            object: ap,
            path: [...list.path, k],
            message: Number.isNaN(n)
              ? `${describeList(list)} value "${v}" is not a port number; Istio rejects it ("bad port"). Ports are matched as numbers, without ranges, names or wildcards.`
              : `${describeList(list)} value "${v}" is outside 1..65535${n === 0 ? ' (Istio accepts 0, but no connection arrives on port 0, so it never matches)' : '; Istio rejects it ("bad port")'}.`,
            fix: 'Write the container port number the workload listens on as a string, e.g. "8080"; list several ports one by one.',
          });
        });
      }
    }
  },
};
