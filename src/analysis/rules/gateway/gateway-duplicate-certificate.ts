import { Severity } from '../../diagnostic';
import { certificateKey, selectorKey, selectorWithin } from '../../facts/gateway-servers';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { workloadSelectorOf } from '../../resources/selectors';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { qualifiedName } from '../../text';

export const gatewayDuplicateCertificate: Rule = {
  id: 'gateway-duplicate-certificate',
  kinds: ['Gateway'],
  severity: Severity.WARNING,
  istioCode: 'IST0138',
  summary: 'Several Gateways on the same gateway workload serve the same certificate, so HTTP/2 clients that reuse a connection across its hosts can get 404s.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message GatewayDuplicateCertificate (IST0138)',
  docs: 'Several Gateways on the same gateway workload serve the same certificate, so HTTP/2 clients that reuse a connection across its hosts can get 404s.\n' +
    'istioctl analyze reports the same check as IST0138 (GatewayDuplicateCertificate).',
  fields: 'spec.servers[].tls',
  fix: 'Serve the hosts of one certificate from one Gateway, or use separate certificates.',
  check(model: MeshModel, report: Report): void {
    const gateways = model.gateways();
    if (gateways.length < 2) return;
    const byCert = new Map<string, Array<{ gateway: ObjectRecord; index: number; label: string; field: string }>>();
    for (const gw of gateways) {
      arrayOf(isPlainObject(gw.spec) ? gw.spec.servers : undefined).forEach((server, index) => {
        if (!isPlainObject(server) || !isPlainObject(server.tls)) return;
        const cert = certificateKey(server.tls);
        if (!cert) return;
        const list = byCert.get(cert.key) ?? [];
        list.push({ gateway: gw, index, label: cert.label, field: cert.field });
        byCert.set(cert.key, list);
      });
    }
    for (const refs of byCert.values()) {
      if (new Set(refs.map((r) => r.gateway)).size < 2) continue;
      // Group by selector, then relate selector groups (few) instead of gateways (many).
      const groups = new Map<string, typeof refs>();
      for (const r of refs) {
        const key = selectorKey(workloadSelectorOf(r.gateway));
        const g = groups.get(key);
        if (g) g.push(r);
        else groups.set(key, [r]);
      }
      const list = [...groups.values()];
      const reported = new Set<ObjectRecord>();
      for (const group of list) {
        const selector = workloadSelectorOf(group[0].gateway);
        const reach = list.filter((other) => selectorWithin(selector, workloadSelectorOf(other[0].gateway))).flat();
        const reachGateways = [...new Set(reach.map((b) => b.gateway))];
        for (const a of group) {
          if (reported.has(a.gateway)) continue;
          const count = reachGateways.length - 1; // a's own gateway is in the reach
          if (count === 0) continue;
          const named = reachGateways.slice(0, 4).filter((g) => g !== a.gateway).slice(0, 3);
          const others = count > named.length ? [...named.map((o) => `Gateway ${qualifiedName(o)}`), `${count - named.length} more`] : named.map((o) => `Gateway ${qualifiedName(o)}`);
          reported.add(a.gateway);
          report({
            object: a.gateway,
            path: ['spec', 'servers', a.index, 'tls', a.field],
            message:
              `This Gateway and ${others.join(', ')} serve the same certificate (${a.label}) on the same gateway workload. ` +
              'An HTTP/2 client reuses one connection for every host the certificate covers, so requests for a host of the other Gateway arrive on this server\'s routes and can get 404.',
            fix: 'Serve all hosts of one certificate from a single Gateway server (list them in its hosts), or give each Gateway its own certificate.',
          });
        }
      }
    }
  },
};
