import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { workloadSelectorOf } from '../../resources/selectors';
import { arrayOf } from '../../resources/virtualservice';
import { resolveTargetPort, servicePorts } from '../../resources/workloads';
import { Report, Rule } from '../../rule';
import { formatLabels, listSome, qualifiedName } from '../../text';

export const gatewayPortNotOnService: Rule = {
  id: 'gateway-port-not-on-service',
  kinds: ['Gateway'],
  severity: Severity.WARNING,
  istioCode: 'IST0162',
  summary: 'A Gateway server port is not a target port of any Service in front of the gateway pods, so it is unreachable through them.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message GatewayPortNotDefinedOnService (IST0162)',
  docs: 'istioctl\'s GatewayPortNotDefinedOnService (IST0162): a Gateway server listens on a port that\n' +
    'no Service selecting the gateway pods forwards to (as target port), so clients cannot reach it\n' +
    'through those Services. Named target ports are resolved against the pods\' container ports.',
  fields: 'spec.servers[].port.number',
  fix: 'Add the port as a targetPort to the gateway\'s Service, or listen on a port it forwards to.',
  check(model: MeshModel, report: Report): void {
    for (const gw of model.gateways()) {
      const selector = workloadSelectorOf(gw);
      if (Object.keys(selector).length === 0) continue;
      const pods = model.podTemplatesMatchingAnywhere(selector);
      if (pods.length === 0) continue;
      const targets = new Set<number>();
      const services = new Set<string>();
      for (const pod of pods) {
        for (const svc of model.servicesSelecting(pod)) {
          services.add(qualifiedName(svc));
          for (const p of servicePorts(svc)) {
            if (p.protocol === 'udp') continue;
            targets.add(resolveTargetPort(p, pod) ?? p.port);
          }
        }
      }
      const servers = isPlainObject(gw.spec) ? arrayOf(gw.spec.servers) : [];
      servers.forEach((s, i) => {
        const number = isPlainObject(s) && isPlainObject(s.port) ? s.port.number : undefined;
        if (typeof number !== 'number' || number === 0 || targets.has(number)) return;
        report({
          object: gw,
          path: ['spec', 'servers', i, 'port', 'number'],
          message:
            `Server port ${number} is not a target port of ${services.size === 0 ? 'any Service (none selects' : `the Services ${listSome([...services])} (which select`} ` +
            `the gateway pods, selector ${formatLabels(selector)}), so traffic sent through ${services.size === 0 ? 'a Service' : 'them'} never reaches this listener.`,
          fix: `Add a port with targetPort ${number} to the gateway's Service, or use a server port the Service already forwards to` +
            `${targets.size > 0 ? ` (${[...targets].sort((a, b) => a - b).join(', ')})` : ''}.`,
        });
      });
    }
  },
};
