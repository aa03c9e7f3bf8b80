import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf, rulesOf } from '../../resources/authorization';
import { Report, Rule } from '../../rule';
import { tcpShape } from '../../validation/authorizationpolicy';

export const authorizationPolicyDenyHttpOnly: Rule = {
  id: 'authorizationpolicy-deny-http-only',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A DENY rule uses only HTTP attributes, so it denies all traffic on the TCP ports of the selected workloads.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s webhook warning for a DENY rule that only uses HTTP attributes (no ports, and a `from`\n' +
    'with request principals only, or a `to` without ports): on the workload\'s TCP ports the HTTP\n' +
    'part cannot be evaluated and is dropped, so the rule denies all TCP traffic there.',
  fields: 'spec.rules[] of a DENY policy',
  fix: 'Add ports to the rule, or accept that TCP traffic to these workloads is denied.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (actionOf(ap) !== 'DENY') continue;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        const { fromExists, tcpInFrom, toExists, tcpInTo } = tcpShape(rule);
        if (!((fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo))) return;
        report({
          object: ap,
          path: ['spec', 'rules', i],
          message:
            `DENY rule ${i} matches only on HTTP attributes (no port${fromExists && !tcpInFrom ? ', callers by request principal only' : ''}). ` +
            'On TCP ports of the selected workloads Istio drops what it cannot evaluate, so this rule denies all TCP traffic there ' +
            '("will deny all traffic to TCP ports under its scope").',
          fix: 'Add `to: [{ operation: { ports: ["<http port>"] } }]` to limit the rule to the HTTP port(s) it is meant for.',
        });
      });
    }
  },
};
