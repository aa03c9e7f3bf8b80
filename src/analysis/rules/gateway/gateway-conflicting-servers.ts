import { Severity } from '../../diagnostic';
import { isDecodable } from '../../facts/decodable';
import { consequence, hostName, selectorKey, ServerRef, shareWorkload } from '../../facts/gateway-servers';

import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { workloadSelectorOf } from '../../resources/selectors';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { formatLabels, listSome, qualifiedName } from '../../text';

export const gatewayConflictingServers: Rule = {
  id: 'gateway-conflicting-servers',
  kinds: ['Gateway'],
  severity: Severity.ERROR,
  istioCode: 'IST0145',
  summary: 'Two Gateways on the same gateway workload declare the same host on the same port (and bind), with different or identical TLS settings, so Istio drops one server.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ConflictingGateways (IST0145)',
  docs: 'Two Gateways on the same gateway workload declare the same host on the same port (and bind), with different or identical TLS settings, so Istio drops one server.\n' +
    'istioctl analyze reports the same check as IST0145 (ConflictingGateways). A Gateway istioctl cannot decode\n' +
    '(a field of the wrong type, an unknown enum name) conflicts with nothing: istioctl skips it and the API server rejects it.',
  fields: 'spec.servers[]',
  fix: 'Serve each host and port from one Gateway per gateway workload.',
  check(model: MeshModel, report: Report): void {
    // istioctl skips a Gateway it cannot decode (and the API server rejects it): it conflicts with nothing.
    const gateways = model.gateways().filter((gw) => isDecodable(model, gw));
    if (gateways.length < 2) return;
    const buckets = new Map<string, ServerRef[]>();
    for (const gw of gateways) {
      const selector = workloadSelectorOf(gw);
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
          if (i !== j && shareWorkload(model, group[0], other[0])) for (const p of other) peers.push(p); // no spread: groups can be large
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
          `servers[${ref.index}] claims ${listSome([...hosts].map((h) => `"${h}"`), 3)} on port ${port} of the gateway workload ${formatLabels(ref.selector, '(empty)')}, ` +
          `as does Gateway ${[...others.keys()].map(qualifiedName).sort().join(', ')}${total > others.size ? ` and ${total - others.size} more` : ''}. ` +
          consequence(ref.server, first.server, port),
        fix: 'Serve each host from one Gateway server: merge the servers (list all hosts of one certificate in one server), use distinct host names, or put the Gateways on different ports or gateway workloads.',
      });
    }
  },
};
