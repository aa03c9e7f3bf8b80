/**
 * Webhook parity for Sidecars: Istio's `ValidateSidecar` (ingress listeners, egress listeners,
 * outbound traffic policy, connection pools), each check in our words, with Istio's severity
 * (errors IST0106, warnings IST0133).
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { memoize, Problem } from './category-rule';
import { MeshModel } from '../model';
import { serverTlsProblems } from './server-tls';
import { arrayOf } from '../resources/virtualservice';
import { checkIstioDuration } from '../validators/duration';
import { fqdnProblem, isIstioDnsLabel, isValidPortNumber, namespacedHostProblem, unixAddressProblem } from '../validators/hosts';
import { isIpAddress } from '../validators/ip';
import { isHttpProtocol, isTlsProtocol, parseProtocol, PROTOCOL_NAMES } from '../validators/protocols';

export type SidecarCategory = 'config' | 'ingress' | 'egress' | 'outbound' | 'warning';
type Add = (category: SidecarCategory, path: Array<string | number>, message: string, fix: string) => void;

const UNIX = 'unix://';

export const sidecarProblems = memoize((sc: ObjectRecord): Array<Problem<SidecarCategory>> => {
  const out: Array<Problem<SidecarCategory>> = [];
  const add: Add = (category, path, message, fix) => out.push({ category, path, message, fix });
  const spec = isPlainObject(sc.spec) ? sc.spec : {};

  const ws = spec.workloadSelector;
  if (isPlainObject(ws)) {
    const labels = isPlainObject(ws.labels) ? ws.labels : {};
    let rejected = false;
    for (const [k, v] of Object.entries(labels)) {
      if (k === '' || k.includes('*') || (typeof v === 'string' && v.includes('*'))) {
        rejected = true;
        add('config', ['spec', 'workloadSelector', 'labels', k], `workloadSelector label "${k}=${String(v)}" has ${k === '' ? 'an empty key' : 'a "*"'}; Istio rejects the Sidecar (selectors match labels exactly).`,
          'Select on the exact labels of the pod template.');
      }
    }
    if (rejected) return out; // Istio stops at a bad selector
    if (Object.keys(labels).length === 0) {
      add('warning', ['spec', 'workloadSelector'], 'workloadSelector has no labels, so the Sidecar applies to every workload of the namespace (Istio warns).',
        'Add the pod labels to select, or remove workloadSelector to make it the namespace default on purpose.');
    }
  }

  const ingress = arrayOf(spec.ingress);
  const egress = arrayOf(spec.egress);
  if (ingress.length === 0 && egress.length === 0 && spec.outboundTrafficPolicy === undefined && spec.inboundConnectionPool === undefined) {
    add('config', ['spec'], 'The Sidecar sets none of egress, ingress, outboundTrafficPolicy and inboundConnectionPool; Istio rejects an empty Sidecar.',
      'Add egress hosts (e.g. egress: [{ hosts: ["./*", "istio-system/*"] }]) or an outboundTrafficPolicy, or delete the Sidecar.');
    return out;
  }

  const ingressPorts = new Set<number>();
  ingress.forEach((l, i) => ingressListener(l, i, ingressPorts, add));
  connectionPool(spec.inboundConnectionPool, ['spec', 'inboundConnectionPool'], 'ingress', add);

  const egressPorts = new Set<number>();
  const sockets = new Set<string>();
  let catchAll = false;
  egress.forEach((l, i) => {
    const at = (...rest: Array<string | number>) => ['spec', 'egress', i, ...rest];
    if (!isPlainObject(l)) {
      add('egress', at(), `egress[${i}] is ${JSON.stringify(l)}; Istio rejects an empty egress listener.`, 'Remove it, or give it hosts.');
      return;
    }
    if (l.port === undefined || l.port === null) {
      if (catchAll) {
        add('egress', at(), `egress[${i}] is a second listener without port; Istio allows only one catch-all egress listener.`, 'Merge the hosts of the port-less listeners into one.');
        return;
      }
      if (i !== egress.length - 1) {
        add('egress', at(), `egress[${i}] has no port (a catch-all listener) but is not the last egress listener; Istio requires the catch-all to come last.`, 'Move it to the end of egress.');
      } else {
        catchAll = true;
      }
    } else if (isPlainObject(l.port)) {
      const port = l.port;
      const bind = typeof l.bind === 'string' ? l.bind : '';
      if (typeof port.targetPort === 'number' && port.targetPort > 0) {
        add('egress', at('port', 'targetPort'), `egress[${i}].port sets targetPort, which has no effect on a Sidecar; Istio rejects it.`, 'Remove targetPort.');
      }
      portNameAndProtocol(port, at('port'), 'egress', add);
      if (port.number === 0) {
        if (!bind.startsWith(UNIX)) {
          add('egress', at('bind'), `egress[${i}] has port 0, which is only for unix sockets, but bind is ${bind === '' ? 'not set' : `"${bind}"`}; Istio rejects it.`, 'Set bind to unix:///path/to/socket, or use a real port number.');
        } else {
          const problem = unixAddressProblem(bind.slice(UNIX.length));
          if (problem) add('egress', at('bind'), `bind "${bind}": ${problem}.`, 'Use unix:///absolute/path or unix://@abstract-name.');
          if (sockets.has(bind)) add('egress', at('bind'), `Unix socket ${bind} is bound by two egress listeners; Istio requires them to be unique.`, 'Use a different socket path.');
          sockets.add(bind);
        }
        if (l.captureMode !== undefined && l.captureMode !== 'DEFAULT' && l.captureMode !== 'NONE') {
          add('egress', at('captureMode'), `captureMode ${String(l.captureMode)} is not allowed on a unix socket listener; Istio accepts DEFAULT or NONE.`, 'Set captureMode to NONE, or remove it.');
        }
      } else {
        if (!isValidPortNumber(port.number)) add('egress', at('port', 'number'), `Port number ${String(port.number)} of egress[${i}] is outside 1..65535.`, 'Use a valid port number.');
        if (bind !== '' && !isIpAddress(bind)) add('egress', at('bind'), `bind "${bind}" of egress[${i}] is not an IP address; Istio rejects it.`, 'Use an IP such as 127.0.0.1, or remove bind.');
        if (typeof port.number === 'number') {
          if (egressPorts.has(port.number)) add('egress', at('port', 'number'), `Port ${port.number} is used by two egress listeners; Istio requires unique ports.`, 'Merge the listeners, or use different ports.');
          egressPorts.add(port.number);
        }
      }
    }
    egressHosts(sc, l, i, add);
  });

  outboundPolicy(spec.outboundTrafficPolicy, add);
  return out;
});

function portNameAndProtocol(port: Record<string, any>, at: Array<string | number>, category: SidecarCategory, add: Add): void {
  if (typeof port.name === 'string' && port.name !== '' && !isIstioDnsLabel(port.name)) {
    add(category, [...at, 'name'], `Port name "${port.name}" is not a DNS label; Istio rejects it.`, 'Use a name like "http" or "tcp-db".');
  }
  if (typeof port.protocol === 'string' && port.protocol !== '' && parseProtocol(port.protocol) === 'unsupported') {
    add(category, [...at, 'protocol'], `Protocol "${port.protocol}" is not one Istio knows; it rejects the Sidecar.`, `Use one of ${PROTOCOL_NAMES}.`);
  }
}

/** `host:port` as Go's `net.SplitHostPort` reads it; undefined when it cannot be split. */
function splitHostPort(value: string): { host: string; port: string } | undefined {
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0 || value[close + 1] !== ':') return undefined;
    return { host: value.slice(1, close), port: value.slice(close + 2) };
  }
  const colon = value.lastIndexOf(':');
  if (colon < 0 || value.slice(0, colon).includes(':')) return undefined;
  return { host: value.slice(0, colon), port: value.slice(colon + 1) };
}

function ingressListener(l: unknown, i: number, ports: Set<number>, add: Add): void {
  const at = (...rest: Array<string | number>) => ['spec', 'ingress', i, ...rest];
  if (!isPlainObject(l)) {
    add('ingress', at(), `ingress[${i}] is ${JSON.stringify(l)}; Istio rejects an empty ingress listener.`, 'Remove it, or give it a port.');
    return;
  }
  if (!isPlainObject(l.port)) {
    add('ingress', at('port'), `ingress[${i}] has no port; Istio requires a port on every ingress listener.`, 'Add port: { number: <container port>, protocol: HTTP, name: http }.');
    return;
  }
  const port = l.port;
  if (typeof port.targetPort === 'number' && port.targetPort > 0) {
    add('ingress', at('port', 'targetPort'), `ingress[${i}].port sets targetPort, which has no effect on a Sidecar; Istio rejects it.`, 'Remove targetPort; use defaultEndpoint to forward to another port.');
  }
  portNameAndProtocol(port, at('port'), 'ingress', add);
  if (!isValidPortNumber(port.number)) add('ingress', at('port', 'number'), `Port number ${String(port.number)} of ingress[${i}] is outside 1..65535.`, 'Use the container port the listener receives traffic on.');
  const bind = typeof l.bind === 'string' ? l.bind : '';
  if (bind !== '' && !isIpAddress(bind)) add('ingress', at('bind'), `bind "${bind}" of ingress[${i}] is not an IP address; Istio rejects it.`, 'Use the pod IP or 0.0.0.0, or remove bind.');
  if (typeof port.number === 'number') {
    if (ports.has(port.number)) add('ingress', at('port', 'number'), `Port ${port.number} is used by two ingress listeners; Istio requires unique ports.`, 'Remove or merge the duplicate listener.');
    ports.add(port.number);
  }

  const endpoint = typeof l.defaultEndpoint === 'string' ? l.defaultEndpoint : '';
  if (endpoint.startsWith(UNIX)) {
    const problem = unixAddressProblem(endpoint.slice(UNIX.length));
    if (problem) add('ingress', at('defaultEndpoint'), `defaultEndpoint "${endpoint}": ${problem}.`, 'Use unix:///absolute/path.');
  } else if (endpoint !== '') {
    const fix = 'Write 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port>, :<port> or unix:///path.';
    const split = splitHostPort(endpoint);
    if (!split) {
      add('ingress', at('defaultEndpoint'), `defaultEndpoint "${endpoint}" is not of the form host:port; Istio rejects it.`, fix);
    } else {
      if (!['', '127.0.0.1', '0.0.0.0', '::1', '::'].includes(split.host)) {
        add('ingress', at('defaultEndpoint'), `defaultEndpoint "${endpoint}" forwards to ${split.host}; Istio only allows a loopback or any-address host (the application's own listener).`, fix);
      }
      if (!/^[0-9]+$/.test(split.port) || !isValidPortNumber(Number(split.port))) {
        add('ingress', at('defaultEndpoint'), `defaultEndpoint "${endpoint}" has port "${split.port}", which is not a number in 1..65535.`, fix);
      }
    }
  }

  const tls = l.tls;
  if (isPlainObject(tls)) {
    const reject = (field: string, what: string) => add('ingress', at('tls', field), `ingress[${i}].tls sets ${what}, which a Sidecar does not support; Istio rejects it.`, `Remove ${field}.`);
    if (arrayOf(tls.subjectAltNames).length > 0) reject('subjectAltNames', 'subjectAltNames');
    if (tls.httpsRedirect === true) reject('httpsRedirect', 'httpsRedirect');
    if (typeof tls.credentialName === 'string' && tls.credentialName !== '') reject('credentialName', 'credentialName (secrets are only read by gateways)');
    if (arrayOf(tls.credentialNames).length > 0) reject('credentialNames', 'credentialNames');
    if (arrayOf(tls.tlsCertificates).length > 0) reject('tlsCertificates', 'tlsCertificates');
    if (tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'AUTO_PASSTHROUGH') {
      add('ingress', at('tls', 'mode'), `tls mode ${tls.mode} cannot be used on a Sidecar ingress listener; Istio rejects it.`, 'Use SIMPLE or MUTUAL with certificate files mounted in the pod.');
    }
    if (!isTlsProtocol(parseProtocol(port.protocol))) {
      add('ingress', at('tls'), `ingress[${i}] has tls settings but protocol ${String(port.protocol ?? '(none)')}; Istio only allows them on HTTPS or TLS ports.`, 'Set port.protocol to HTTPS or TLS, or remove tls.');
    }
    for (const t of serverTlsProblems(tls)) add(t.kind === 'warning' ? 'warning' : 'ingress', at('tls', ...t.field), t.message, t.fix);
  }
  connectionPool(l.connectionPool, at('connectionPool'), 'ingress', add);
  if (isPlainObject(l.connectionPool) && l.connectionPool.http !== undefined && !isHttpProtocol(parseProtocol(port.protocol))) {
    add('warning', at('connectionPool', 'http'), `ingress[${i}] sets HTTP connection pool settings on port ${String(port.number)}, whose protocol ${String(port.protocol ?? '(none)')} is not HTTP; only the TCP settings apply (Istio warns).`,
      'Remove connectionPool.http, or declare the port as HTTP.');
  }
}

const NON_NEGATIVE: Array<[string, string]> = [
  ['http', 'http1MaxPendingRequests'], ['http', 'http2MaxRequests'], ['http', 'maxRequestsPerConnection'],
  ['http', 'maxRetries'], ['http', 'maxConcurrentStreams'], ['tcp', 'maxConnections'],
];
const DURATIONS: Array<[string[], boolean]> = [
  [['http', 'idleTimeout'], false], [['tcp', 'connectTimeout'], false], [['tcp', 'maxConnectionDuration'], false],
  [['tcp', 'idleTimeout'], true], [['tcp', 'tcpKeepalive', 'time'], false], [['tcp', 'tcpKeepalive', 'interval'], false],
];

/** Istio's `validateConnectionPool` for inbound pools of a Sidecar. */
function connectionPool(pool: unknown, at: Array<string | number>, category: SidecarCategory, add: Add): void {
  if (pool === undefined || pool === null) return;
  if (!isPlainObject(pool)) return;
  if (pool.http === undefined && pool.tcp === undefined) {
    add(category, at, 'The connection pool sets neither http nor tcp; Istio rejects an empty connection pool.', 'Add limits (e.g. tcp: { maxConnections: 100 }) or remove it.');
    return;
  }
  for (const [section, field] of NON_NEGATIVE) {
    const s = pool[section];
    if (isPlainObject(s) && typeof s[field] === 'number' && s[field] < 0) {
      add(category, [...at, section, field], `${section}.${field} is ${s[field]}; Istio rejects negative limits.`, 'Use a positive limit, or remove it.');
    }
  }
  for (const [path, allowZero] of DURATIONS) {
    let node: any = pool;
    for (const seg of path) node = isPlainObject(node) ? node[seg] : undefined;
    const problem = checkIstioDuration(node, { allowZero });
    if (problem) add(category, [...at, ...path], `${path.join('.')} "${String(node)}" ${problem.reason}.`, problem.suggestion ? `Write ${problem.suggestion}.` : 'Write a duration such as 30s or 500ms.');
  }
  if (isPlainObject(pool.http) && pool.http.h2UpgradePolicy === 'UPGRADE' && pool.http.useClientProtocol === true) {
    add(category, [...at, 'http', 'useClientProtocol'], 'http.h2UpgradePolicy UPGRADE and useClientProtocol true contradict each other; Istio rejects the pair.', 'Remove one of them.');
  }
}

function egressHosts(sc: ObjectRecord, l: Record<string, any>, i: number, add: Add): void {
  const at = (...rest: Array<string | number>) => ['spec', 'egress', i, ...rest];
  const hosts = arrayOf(l.hosts);
  if (hosts.length === 0) {
    if (Array.isArray(l.hosts)) {
      add('egress', at('hosts'), `egress[${i}] has no hosts; Istio requires at least one.`, 'List the services the workloads call, e.g. "./*" (own namespace) and "istio-system/*".');
    }
    return;
  }
  const byNamespace = new Map<string, Set<string>>();
  hosts.forEach((h, j) => {
    if (typeof h !== 'string') return;
    const slash = h.indexOf('/');
    if (slash >= 0) {
      const ns = h.slice(0, slash) === '.' ? sc.namespace : h.slice(0, slash);
      const svc = h.slice(slash + 1);
      const seen = byNamespace.get(ns) ?? new Set<string>();
      const duplicated = svc === '*' ? seen.size > 0 : seen.has(svc) || seen.has('*');
      if (duplicated) {
        add('warning', at('hosts', j), `Egress host "${h}" repeats or is covered by another host of namespace ${ns} in this listener (Istio warns).`, 'Remove the redundant host.');
      }
      seen.add(svc);
      byNamespace.set(ns, seen);
    }
    const problem = namespacedHostProblem(h, false);
    if (problem) {
      add('egress', at('hosts', j), `Egress host "${h}" is rejected by Istio: ${problem}.`,
        'Write namespace/dnsName: "./*" (own namespace), "istio-system/*", "*/api.example.com", "prod/reviews.prod.svc.cluster.local".');
    }
  });
  if (byNamespace.get('*')?.has('*') && byNamespace.size !== 1) {
    add('warning', at('hosts'), `egress[${i}] lists "*/*", which already imports every namespace, together with other hosts (Istio warns).`, 'Keep only "*/*", or list the namespaces instead.');
  }
}

function outboundPolicy(policy: unknown, add: Add): void {
  if (!isPlainObject(policy) || policy.egressProxy === undefined) return;
  const at = ['spec', 'outboundTrafficPolicy'];
  const mode = typeof policy.mode === 'string' && policy.mode !== '' ? policy.mode : 'REGISTRY_ONLY';
  if (mode !== 'ALLOW_ANY') {
    add('outbound', [...at, 'egressProxy'], `outboundTrafficPolicy.egressProxy is set with mode ${mode}${policy.mode === undefined ? ' (the default when mode is not written)' : ''}; Istio only accepts an egress proxy with ALLOW_ANY.`,
      'Set mode: ALLOW_ANY (unknown hosts then go to the egress proxy), or remove egressProxy.');
    return;
  }
  const proxy = policy.egressProxy;
  if (!isPlainObject(proxy)) return;
  if (typeof proxy.host === 'string') {
    const problem = fqdnProblem(proxy.host);
    if (problem) add('outbound', [...at, 'egressProxy', 'host'], `egressProxy host "${proxy.host}" is not a DNS name: ${problem}.`, 'Use the egress proxy\'s service name, e.g. egress-proxy.infra.svc.cluster.local.');
  }
  if (!isPlainObject(proxy.port)) {
    add('outbound', [...at, 'egressProxy'], 'egressProxy has no port; Istio requires one.', 'Add port: { number: <proxy port> }.');
  } else if (!isValidPortNumber(proxy.port.number)) {
    add('outbound', [...at, 'egressProxy', 'port', 'number'], `egressProxy port ${String(proxy.port.number)} is outside 1..65535.`, 'Use the proxy\'s port.');
  }
}

export const sidecars = (model: MeshModel) => model.sidecars();
