import { Severity } from '../../diagnostic';
import { dedupe, describeVia, portsOfList, WorkloadPort, workloadPorts } from '../../facts/authorizationpolicy-ports';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf, describeList, HTTP_ONLY_ATTRIBUTES, rulesOf, valueListsOfRule } from '../../resources/authorization';
import { hasTargetRef, targetedPods } from '../../resources/workloads';
import { Report, Rule } from '../../rule';

export const authorizationPolicyHttpFieldOnTcpPort: Rule = {
  id: 'authorizationpolicy-http-field-on-tcp-port',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  summary: 'An AuthorizationPolicy rule matches HTTP attributes (methods, paths, hosts, JWT claims) on a port whose Service declares it TCP, where Istio cannot evaluate them.',
  origin: 'envoy',
  docs: 'An HTTP-only match (methods, paths, hosts, request principals, request.* conditions) on a port\n' +
    'that carries plain TCP. Istio cannot evaluate HTTP attributes on a TCP connection: it drops an\n' +
    'ALLOW rule with them for that port (the rule never allows anything there) and strips them from\n' +
    'a DENY or AUDIT rule (which then matches every connection). The protocol is read from the\n' +
    'Services selecting the policy\'s workloads (appProtocol, else the port name prefix); ports\n' +
    'whose protocol Istio would sniff are not judged.' +
    '\n\nWhy an error: traffic certainly fails as written. On that port an ALLOW rule allows nothing and a DENY rule denies every connection, whatever the request.',
  fields: 'to[].operation, when',
  fix: 'Declare the port HTTP (port name http-…, appProtocol), or use TCP attributes only.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (hasTargetRef(ap)) continue;
      let ports: WorkloadPort[] | undefined;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        for (const list of valueListsOfRule(rule, i)) {
          if (!HTTP_ONLY_ATTRIBUTES.has(list.attribute) || list.values.length === 0) continue;
          ports ??= workloadPorts(model, targetedPods(model, ap));
          if (ports.length === 0) return;
          const limited = portsOfList(rule, list);
          let tcp: WorkloadPort[];
          if (limited) {
            tcp = [];
            for (const n of limited) {
              const known = ports.filter((p) => p.target === n);
              if (known.length > 0 && known.every((p) => p.via.protocol === 'opaque')) tcp.push(known[0]);
            }
          } else {
            tcp = ports.every((p) => p.via.protocol === 'opaque') ? dedupe(ports) : [];
          }
          if (tcp.length === 0) continue;
          const action = actionOf(ap);
          const effect = action === 'ALLOW' || action === 'CUSTOM'
            ? 'so there the rule is dropped and never allows anything'
            : 'so there the HTTP conditions are dropped and the rule matches every connection';
          const portText = tcp.map((p) => `${p.target} (${describeVia(p)})`).join(', ');
          report({
            object: ap,
            path: list.path,
            message:
              `Rule ${i} matches on ${describeList(list)}, which only HTTP requests have, but ${limited ? 'its' : 'every'} port ` +
              `${portText} carries TCP. Istio cannot read HTTP attributes on a TCP connection, ${effect}.`,
            fix:
              'If the port serves HTTP, declare it: name the Service port "http-…" (or "grpc-…") or set appProtocol: http. ' +
              'If it is TCP, match on ports, principals, namespaces or ipBlocks only.',
          });
          return;
        }
      });
    }
  },
};
