/**
 * Webhook parity for `networking.istio.io` Gateways: Istio's `ValidateGateway`, `validateServer`,
 * `validateServerPort`, `validateServerBind` and `validateTLSOptions`, each check in our words,
 * with Istio's severity (errors IST0106, warnings IST0133).
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { memoize, Problem } from './category-rule';
import { MeshModel } from '../model';
import { serverTlsMode, serverTlsProblems } from './server-tls';
import { arrayOf } from '../resources/virtualservice';
import { isIstioDnsLabel, isValidPortNumber, namespacedHostProblem, unixAddressProblem } from '../validators/hosts';
import { isIpAddress } from '../validators/ip';
import { isHttpProtocol, isTlsProtocol, parseProtocol, PROTOCOL_NAMES } from '../validators/protocols';

export type GatewayCategory = 'server' | 'port' | 'tls' | 'credential' | 'warning';

const UNIX = 'unix://';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Every webhook problem of one Gateway, read once. */
export const gatewayProblems = memoize((gw: ObjectRecord): Array<Problem<GatewayCategory>> => {
  const out: Array<Problem<GatewayCategory>> = [];
  const add = (category: GatewayCategory, path: Array<string | number>, message: string, fix: string) => out.push({ category, path, message, fix });

  if (gw.name !== '' && !isIstioDnsLabel(gw.name)) {
    add('server', ['metadata', 'name'], `Gateway name "${gw.name}" is not a DNS label (letters, digits and inner dashes, no dots, at most 63 characters); Istio rejects it.`,
      `Rename it, e.g. "${gw.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'gateway'}".`);
  }
  const spec = isPlainObject(gw.spec) ? gw.spec : {};
  const servers = arrayOf(spec.servers);
  if (servers.length === 0) {
    add('server', spec.servers === undefined ? ['spec'] : ['spec', 'servers'], 'The Gateway has no servers; Istio rejects a Gateway without at least one server.',
      'Add a server, e.g. { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["app.example.com"] }.');
    return out;
  }

  const portNames = new Map<string, number>();
  servers.forEach((server, i) => {
    const at = (...rest: Array<string | number>) => ['spec', 'servers', i, ...rest];
    if (!isPlainObject(server)) {
      add('server', at(), `servers[${i}] is ${JSON.stringify(server)}; Istio rejects an empty server.`, 'Remove it, or give it a port and hosts.');
      return;
    }
    if (Array.isArray(server.hosts) && server.hosts.length === 0) {
      add('server', at('hosts'), `servers[${i}] has an empty hosts list; Istio requires at least one host.`,
        'List the host names the server accepts (e.g. "app.example.com", or "*" for any).');
    }
    arrayOf(server.hosts).forEach((h, j) => {
      if (typeof h !== 'string') return;
      const problem = namespacedHostProblem(h, true);
      if (problem) {
        add('server', at('hosts', j), `Host "${h}" of servers[${i}] is rejected by Istio: ${problem}.`,
          'Write a fully qualified name ("app.example.com"), a wildcard ("*.example.com" or "*"), optionally prefixed by a namespace ("prod/app.example.com", "./app.example.com").');
      }
    });

    const port = server.port;
    const bind = str(server.bind);
    let portValid = isPlainObject(port);
    if (isPlainObject(port)) {
      const protocol = parseProtocol(port.protocol);
      // Missing fields are the schema rules' to report; they still stop the protocol/TLS checks, as in Istio.
      if (protocol === 'unsupported' || typeof port.name !== 'string' || typeof port.number !== 'number') portValid = false;
      if (typeof port.protocol === 'string' && protocol === 'unsupported') {
        add('port', at('port', 'protocol'), `Protocol "${port.protocol}" of servers[${i}] is not one Istio knows; it rejects the Gateway.`, `Use one of ${PROTOCOL_NAMES}.`);
      }
      const number = port.number;
      if (typeof number === 'number' && (number > 0 || !bind.startsWith(UNIX)) && !isValidPortNumber(number)) {
        portValid = false;
        add('port', at('port', 'number'), `Port number ${number} of servers[${i}] is outside 1..65535; Istio rejects it.`,
          'Use the port the gateway workload listens on (e.g. 80, 443, 8080); 0 is only for a unix:// bind.');
      }
      if (typeof port.targetPort === 'number' && port.targetPort > 0) {
        portValid = false;
        add('port', at('port', 'targetPort'), `servers[${i}].port sets targetPort ${port.targetPort}, which has no effect on a Gateway; Istio rejects it.`,
          'Remove targetPort: a Gateway server listens on port.number of the gateway pod.');
      }
      if (port.name === '') {
        portValid = false;
        add('port', at('port', 'name'), `servers[${i}].port has an empty name; Istio requires a port name.`, 'Name the port, e.g. "http" or "https-app".');
      }
      if (typeof port.name === 'string' && port.name !== '') {
        const first = portNames.get(port.name);
        if (first !== undefined) {
          add('port', at('port', 'name'), `servers[${i}] and servers[${first}] both use port name "${port.name}"; Istio requires server port names to be unique within a Gateway.`,
            `Rename one, e.g. "${port.name}-${i}".`);
        } else {
          portNames.set(port.name, i);
        }
      }
      if (server.tls !== undefined && isPlainObject(server.tls) && server.tls.httpsRedirect === true && !isHttpProtocol(protocol)) {
        add('warning', at('tls', 'httpsRedirect'), `servers[${i}] uses protocol ${String(port.protocol)}, but tls.httpsRedirect only works on HTTP servers; Istio warns and ignores it.`,
          'Put httpsRedirect on the port-80 HTTP server, and remove it here.');
      }
    }

    if (bind.startsWith(UNIX)) {
      const problem = unixAddressProblem(bind.slice(UNIX.length));
      if (problem) add('port', at('bind'), `bind "${bind}" of servers[${i}] is rejected: ${problem}.`, 'Use unix:///absolute/path or unix://@abstract-name.');
      if (isPlainObject(port) && typeof port.number === 'number' && port.number !== 0) {
        add('port', at('port', 'number'), `servers[${i}] binds to the unix socket ${bind} but has port number ${port.number}; Istio requires 0 with a unix socket.`, 'Set port.number to 0.');
      }
    } else if (bind !== '' && !isIpAddress(bind)) {
      add('port', at('bind'), `bind "${bind}" of servers[${i}] is not an IP address or unix:// socket; Istio rejects it.`, 'Use an IP of the gateway pod (e.g. 0.0.0.0) or remove bind.');
    }

    for (const t of serverTlsProblems(server.tls)) {
      const category: GatewayCategory = t.kind === 'missing-credential' ? 'credential' : t.kind === 'invalid' ? 'tls' : 'warning';
      add(category, at('tls', ...t.field), t.message, t.fix);
    }

    if (portValid && isPlainObject(port)) {
      const protocol = parseProtocol(port.protocol);
      const tls = server.tls;
      if (isTlsProtocol(protocol) && tls === undefined) {
        add('tls', at('port', 'protocol'), `servers[${i}] uses protocol ${String(port.protocol)} but has no tls settings; Istio rejects it.`,
          'Add tls: { mode: SIMPLE, credentialName: "<secret>" } to terminate TLS, or tls: { mode: PASSTHROUGH } to forward it.');
      } else if (!isTlsProtocol(protocol) && isPlainObject(tls)) {
        if (isHttpProtocol(protocol)) {
          const passthrough = ['PASSTHROUGH', 'AUTO_PASSTHROUGH'].includes(serverTlsMode(tls));
          if (!passthrough || str(tls.caCertificates) !== '' || str(tls.privateKey) !== '' || str(tls.serverCertificate) !== '') {
            add('tls', at('tls'), `servers[${i}] is a plain-text ${String(port.protocol)} server but has TLS settings (mode ${serverTlsMode(tls)}); Istio rejects them. Only httpsRedirect may be set on an HTTP server.`,
              'Use protocol HTTPS for a TLS server, or keep only tls.httpsRedirect: true on this HTTP server.');
          }
        } else {
          add('tls', at('tls'), `servers[${i}] uses protocol ${String(port.protocol)}, which is neither HTTPS nor TLS, but has tls settings; Istio rejects them.`,
            'Use protocol TLS (or HTTPS) for a server that terminates or passes through TLS, or remove tls.');
        }
      }
    }
  });
  return out;
});

export const gateways = (model: MeshModel) => model.gateways();
