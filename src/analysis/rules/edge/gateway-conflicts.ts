/**
 * Gateways that share a workload and step on each other: istioctl's ConflictingGateways (IST0145,
 * two servers for one host on one port and bind) and GatewayDuplicateCertificate (IST0138, one
 * certificate served by several Gateways). Gateways are grouped by port/host and by certificate,
 * so only Gateways that already share one are compared.
 */
import { gatewaySelector } from './gateway-workloads';
import { formatSelector, listSome } from './problems';
import { isHttpProtocol, parseProtocol } from './protocols';
import { serverTlsMode } from './server-tls';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf, qualifiedName } from '../virtualservice-routes';

interface ServerRef {
  readonly gateway: ObjectRecord;
  readonly index: number;
  readonly server: Record<string, any>;
  readonly selector: Record<string, string>;
  readonly selectorKey: string;
}

function selectorKey(selector: Record<string, string>): string {
  return Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(',');
}

/**
 * Whether two gateway selectors reach the same proxies: the same labels, or (when the labels do
 * not contradict each other) a pod template of the app carrying both sets.
 */
function shareWorkload(model: MeshModel, a: ServerRef, b: ServerRef): boolean {
  if (a.selectorKey === b.selectorKey) return true;
  const union: Record<string, string> = { ...a.selector };
  for (const [k, v] of Object.entries(b.selector)) {
    if (union[k] !== undefined && union[k] !== v) return false;
    union[k] = v;
  }
  return model.podTemplatesMatchingAnywhere(union).length > 0;
}

/** The part of a server host clients send (SNI, Host header): what follows `namespace/`. */
function hostName(host: string): string {
  const slash = host.indexOf('/');
  return slash < 0 ? host : host.slice(slash + 1);
}

function tlsSummary(server: Record<string, any>): string {
  const tls = server.tls;
  if (!isPlainObject(tls)) return `plain ${String(server.port?.protocol ?? '')}`.trim();
  const parts = [serverTlsMode(tls)];
  if (typeof tls.credentialName === 'string' && tls.credentialName !== '') parts.push(`credentialName ${tls.credentialName}`);
  if (typeof tls.serverCertificate === 'string' && tls.serverCertificate !== '') parts.push(`serverCertificate ${tls.serverCertificate}`);
  return parts.join(' with ');
}

function consequence(a: Record<string, any>, b: Record<string, any>, port: number): string {
  const aTls = isPlainObject(a.tls);
  const bTls = isPlainObject(b.tls);
  if (aTls && bTls) {
    const same = tlsSummary(a) === tlsSummary(b);
    return `${same ? 'Both use' : 'Their TLS settings differ:'} ${same ? tlsSummary(a) : `${tlsSummary(a)} here, ${tlsSummary(b)} there`}. ` +
      'A listener can hold only one server per SNI host name, so Istio keeps the server it reads first and skips the other one whole, with all its hosts.';
  }
  if (aTls !== bTls) {
    return `One is ${tlsSummary(a)}, the other ${tlsSummary(b)}, on the same port ${port}; a port is either TLS or plain text, so Istio keeps one server and skips the other.`;
  }
  const httpBoth = isHttpProtocol(parseProtocol(a.port?.protocol)) && isHttpProtocol(parseProtocol(b.port?.protocol));
  return httpBoth
    ? `Both are plain HTTP, so their routes are merged into one route table for port ${port}, and which Gateway's VirtualServices answer for the host depends on merge order.`
    : `Both are ${String(a.port?.protocol)} servers on port ${port}; Istio keeps one and skips the other.`;
}

export const gatewayConflictingServers: Rule = {
  id: 'gateway-conflicting-servers',
  severity: Severity.ERROR,
  istioCode: 'IST0145',
  summary: 'Two Gateways on the same gateway workload declare the same host on the same port (and bind), with different or identical TLS settings, so Istio drops one server.',
  check(model: MeshModel, report: Report): void {
    const gateways = model.gateways();
    if (gateways.length < 2) return;
    const buckets = new Map<string, ServerRef[]>();
    for (const gw of gateways) {
      const selector = gatewaySelector(gw);
      const key = selectorKey(selector);
      arrayOf(isPlainObject(gw.spec) ? gw.spec.servers : undefined).forEach((server, index) => {
        if (!isPlainObject(server) || !isPlainObject(server.port) || typeof server.port.number !== 'number') return;
        const bind = typeof server.bind === 'string' ? server.bind : '';
        const names = new Set(arrayOf(server.hosts).filter((h): h is string => typeof h === 'string').map(hostName));
        for (const name of names) {
          const bucket = `${server.port.number}\u0000${bind}\u0000${name}`;
          const list = buckets.get(bucket) ?? [];
          list.push({ gateway: gw, index, server, selector, selectorKey: key });
          buckets.set(bucket, list);
        }
      });
    }
    // One finding per server: which other Gateways claim which of its hosts. Within a bucket,
    // servers are grouped by selector, so only distinct selectors are compared pairwise.
    const perServer = new Map<string, { ref: ServerRef; others: Map<ObjectRecord, ServerRef>; total: number; hosts: Set<string> }>();
    const note = (a: ServerRef, peers: ServerRef[], peerGateways: Set<ObjectRecord>, host: string) => {
      const total = peerGateways.size - (peerGateways.has(a.gateway) ? 1 : 0);
      if (total === 0) return;
      const id = `${qualifiedName(a.gateway)}#${a.index}`;
      const entry = perServer.get(id) ?? { ref: a, others: new Map<ObjectRecord, ServerRef>(), total: 0, hosts: new Set<string>() };
      for (const b of peers) {
        if (entry.others.size >= 3) break; // enough to name in the message
        if (b.gateway !== a.gateway && !entry.others.has(b.gateway)) entry.others.set(b.gateway, b);
      }
      entry.total = Math.max(entry.total, total);
      entry.hosts.add(host);
      perServer.set(id, entry);
    };
    for (const [bucket, refs] of buckets) {
      if (new Set(refs.map((r) => r.gateway)).size < 2) continue;
      const host = bucket.split('\u0000')[2];
      const groups = new Map<string, ServerRef[]>();
      for (const r of refs) {
        const g = groups.get(r.selectorKey);
        if (g) g.push(r);
        else groups.set(r.selectorKey, [r]);
      }
      const list = [...groups.values()];
      list.forEach((group, i) => {
        const peers = [...group];
        list.forEach((other, j) => {
          if (i !== j && shareWorkload(model, group[0], other[0])) peers.push(...other);
        });
        const peerGateways = new Set(peers.map((p) => p.gateway));
        for (const a of group) note(a, peers, peerGateways, host);
      });
    }
    for (const { ref, others, total, hosts } of perServer.values()) {
      const first = [...others.values()][0];
      const port = ref.server.port.number as number;
      report({
        object: ref.gateway,
        path: ['spec', 'servers', ref.index],
        message:
          `servers[${ref.index}] claims ${listSome([...hosts].map((h) => `"${h}"`), 3)} on port ${port} of the gateway workload ${formatSelector(ref.selector)}, ` +
          `as does Gateway ${[...others.keys()].map(qualifiedName).sort().join(', ')}${total > others.size ? ` and ${total - others.size} more` : ''}. ` +
          consequence(ref.server, first.server, port),
        fix: 'Serve each host from one Gateway server: merge the servers (list all hosts of one certificate in one server), use distinct host names, or put the Gateways on different ports or gateway workloads.',
      });
    }
  },
};

function certificateKey(tls: Record<string, any>): { key: string; label: string; field: string } | undefined {
  if (typeof tls.credentialName === 'string' && tls.credentialName !== '') {
    return { key: `secret\u0000${tls.credentialName}`, label: `credentialName ${tls.credentialName}`, field: 'credentialName' };
  }
  if (typeof tls.serverCertificate === 'string' && tls.serverCertificate !== '' && typeof tls.privateKey === 'string' && tls.privateKey !== '') {
    return { key: `file\u0000${tls.serverCertificate}\u0000${tls.privateKey}`, label: `serverCertificate ${tls.serverCertificate}`, field: 'serverCertificate' };
  }
  return undefined;
}

/** Whether every label of `a` is in `b` (an empty `a` is in every selector), as istioctl's `selectorSubset`. */
function selectorWithin(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.entries(a).every(([k, v]) => b[k] === v);
}

export const gatewayDuplicateCertificate: Rule = {
  id: 'gateway-duplicate-certificate',
  severity: Severity.WARNING,
  istioCode: 'IST0138',
  summary: 'Several Gateways on the same gateway workload serve the same certificate, so HTTP/2 clients that reuse a connection across its hosts can get 404s.',
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
        const key = selectorKey(gatewaySelector(r.gateway));
        const g = groups.get(key);
        if (g) g.push(r);
        else groups.set(key, [r]);
      }
      const list = [...groups.values()];
      const reported = new Set<ObjectRecord>();
      for (const group of list) {
        const selector = gatewaySelector(group[0].gateway);
        const reach = list.filter((other) => selectorWithin(selector, gatewaySelector(other[0].gateway))).flat();
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
