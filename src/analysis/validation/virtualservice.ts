import { Severity } from '../diagnostic';
import { isPlainObject, ObjectRecord } from '../manifest';
import { arrayOf, describeRoute, destinationsOf, gatewaysOf, hostsOf, MESH_GATEWAY, routeList } from '../resources/virtualservice';
import { Finding } from '../rule';
import { isIstioDnsLabel } from '../validators/hosts';
import { cidrProblem, isIpAddress } from '../validators/ip';
import { labelsProblem, wildcardDomainProblem } from '../validators/webhook-values';

/** Whether a VirtualService applies to gateways only (no `mesh` among non-empty gateways). */
export function gatewayOnly(vs: ObjectRecord): boolean {
  const gateways = gatewaysOf(vs);
  return gateways.length > 0 && !gateways.includes(MESH_GATEWAY);
}

/** Istio's `host.Name.Matches`: equal, or one wildcard host covers the other. */
export function hostsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (w: string, h: string) => w === '*' || (w.startsWith('*') && h.endsWith(w.slice(1)));
  return covers(a, b) || covers(b, a);
}

export function routeStructureFindings(vs: ObjectRecord): Finding[] {
  const out: Finding[] = [];
  const add = (path: Array<string | number>, message: string, fix: string) => out.push({ object: vs, path, message, fix });
  const http = routeList(vs, 'http');
  const tcp = routeList(vs, 'tcp');
  const tls = routeList(vs, 'tls');
  if (http.length === 0 && tcp.length === 0 && tls.length === 0) {
    add(['spec'], 'This VirtualService has no http, tcp or tls routes; Istio rejects it.', 'Add the routes, or delete the VirtualService.');
  }
  const delegate = hostsOf(vs).length === 0;
  if (delegate) {
    if (gatewaysOf(vs).length > 0) add(['spec', 'gateways'], 'This VirtualService has no hosts, so it is a delegate; a delegate takes its gateways from the VirtualService that delegates to it, and Istio rejects gateways here.', 'Remove gateways, or give the VirtualService hosts.');
    if (tls.length > 0) add(['spec', 'tls'], 'This delegate VirtualService (no hosts) has tls routes; Istio only delegates http routes.', 'Move the tls routes to a VirtualService with hosts.');
    if (tcp.length > 0) add(['spec', 'tcp'], 'This delegate VirtualService (no hosts) has tcp routes; Istio only delegates http routes.', 'Move the tcp routes to a VirtualService with hosts.');
  }
  http.forEach((r, i) => {
    if (!isPlainObject(r)) return;
    const label = describeRoute(r, i);
    const forwards = arrayOf(r.route).length > 0 || isPlainObject(r.redirect) || isPlainObject(r.directResponse) || isPlainObject(r.delegate);
    if (!forwards) add(['spec', 'http', i], `${label} has no route, redirect, directResponse or delegate; Istio rejects it.`, 'Add route: [{ destination: { host: … } }], or a redirect or directResponse.');
    if (delegate && isPlainObject(r.delegate)) add(['spec', 'http', i, 'delegate'], `${label} of a delegate VirtualService delegates again; Istio allows one level of delegation.`, 'Route to destinations here instead.');
    if (isPlainObject(r.delegate) && arrayOf(r.route).length > 0) add(['spec', 'http', i, 'route'], `${label} delegates and also has route; Istio rejects a route on a delegating rule.`, 'Remove route (the delegate VirtualService routes), or remove delegate.');
    if (delegate || isPlainObject(r.delegate)) {
      arrayOf(r.match).forEach((m, j) => {
        if (!isPlainObject(m)) return;
        for (const field of ['uri', 'scheme', 'method', 'authority']) {
          if (isPlainObject(m[field]) && m[field].regex !== undefined) {
            add(['spec', 'http', i, 'match', j, field, 'regex'], `${label}: match[${j}].${field} is a regex, which Istio does not support in delegation.`, 'Use exact or prefix.');
          }
        }
        for (const field of ['headers', 'queryParams', 'withoutHeaders']) {
          for (const [name, sm] of Object.entries(isPlainObject(m[field]) ? m[field] : {})) {
            if (isPlainObject(sm) && sm.regex !== undefined) {
              add(['spec', 'http', i, 'match', j, field, name, 'regex'], `${label}: match[${j}].${field}.${name} is a regex, which Istio does not support in delegation.`, 'Use exact or prefix.');
            }
          }
        }
      });
    }
  });
  tcp.forEach((r, i) => {
    if (isPlainObject(r) && arrayOf(r.route).length === 0) add(['spec', 'tcp', i], `tcp route #${i} has no route; Istio requires destinations.`, 'Add route: [{ destination: { host: … } }].');
  });
  tls.forEach((r, i) => {
    if (!isPlainObject(r)) return;
    if (arrayOf(r.route).length === 0) add(['spec', 'tls', i], `tls route #${i} has no route; Istio requires destinations.`, 'Add route: [{ destination: { host: … } }].');
    if (Array.isArray(r.match) && r.match.length === 0) add(['spec', 'tls', i, 'match'], `tls route #${i} has an empty match list; Istio requires at least one match with sniHosts.`, 'Add match: [{ sniHosts: [ … ] }].');
    arrayOf(r.match).forEach((m, j) => {
      if (isPlainObject(m) && Array.isArray(m.sniHosts) && m.sniHosts.length === 0) {
        add(['spec', 'tls', i, 'match', j, 'sniHosts'], `tls route #${i} match[${j}] has no SNI hosts; Istio requires at least one.`, 'List the SNI host names this route serves.');
      }
    });
  });
  return out;
}

export function referenceFindings(vs: ObjectRecord): Finding[] {
  const out: Finding[] = [];
  const add = (path: Array<string | number>, message: string, fix: string, severity?: Severity) =>
    out.push({ object: vs, path, message, fix, ...(severity ? { severity } : {}) });
  for (const ref of destinationsOf(vs)) {
    const d = ref.destination;
    if (typeof d.host === 'string') {
      if (d.host === '*') {add([...ref.path, 'host'], 'Destination host "*" is refused: a destination names one service.', 'Name the service to send traffic to.');} else {
        const problem = wildcardDomainProblem(d.host);
        if (problem) add([...ref.path, 'host'], `Destination host "${d.host}" is not a domain name: ${problem}.`, 'Write a service name such as reviews or reviews.shop.svc.cluster.local.');
      }
    }
    if (typeof d.subset === 'string' && d.subset !== '' && !isIstioDnsLabel(d.subset)) {
      add([...ref.path, 'subset'], `Subset name "${d.subset}" is not a DNS label; Istio rejects it (and no DestinationRule subset can have that name).`, 'Use the name of a DestinationRule subset (letters, digits, "-").');
    }
    const port = isPlainObject(d.port) ? d.port.number : undefined;
    if (typeof port === 'number' && (port < 1 || port > 65535)) {
      add([...ref.path, 'port', 'number'], `Destination port ${port} is outside 1..65535.`, 'Use the Service port.');
    }
  }
  for (const kind of ['http', 'tcp', 'tls'] as const) {
    routeList(vs, kind).forEach((r, i) => {
      arrayOf(isPlainObject(r) ? r.match : undefined).forEach((m, j) => {
        if (!isPlainObject(m)) return;
        const at = ['spec', kind, i, 'match', j];
        if (typeof m.port === 'number' && m.port !== 0 && (m.port < 1 || m.port > 65535)) add([...at, 'port'], `${kind}[${i}].match[${j}].port ${m.port} is outside 1..65535.`, 'Use a port the workload listens on, or remove port.');
        arrayOf(m.destinationSubnets).forEach((s, k) => {
          if (typeof s !== 'string') return;
          const problem = s.includes('/') ? cidrProblem(s) : isIpAddress(s) ? undefined : 'it is not an IP address';
          if (problem) add([...at, 'destinationSubnets', k], `Destination subnet "${s}" is not an IP address or CIDR block: ${problem}.`, 'Write an address (10.0.0.1) or a CIDR block (10.0.0.0/16).');
        });
        if (isPlainObject(m.sourceLabels)) {
          const problem = labelsProblem(m.sourceLabels);
          if (problem) add([...at, 'sourceLabels'], `sourceLabels: ${problem}; Istio rejects it.`, 'Use the labels of the calling pods.');
        }
        if (typeof m.sourceNamespace === 'string' && m.sourceNamespace !== '' && !isIstioDnsLabel(m.sourceNamespace)) {
          add([...at, 'sourceNamespace'], `sourceNamespace "${m.sourceNamespace}" is not a namespace name.`, 'Write the namespace of the callers.');
        }
        arrayOf(m.gateways).forEach((g, k) => {
          if (typeof g === 'string') gatewayNameFinding(g, [...at, 'gateways', k], add);
        });
        if (kind === 'tls') {
          arrayOf(m.sniHosts).forEach((sni, k) => {
            if (typeof sni === 'string') sniFinding(vs, sni, [...at, 'sniHosts', k], add);
          });
        }
      });
    });
  }
  gatewaysOf(vs).forEach((g, k) => {
    if (g !== MESH_GATEWAY) gatewayNameFinding(g, ['spec', 'gateways', k], add);
  });
  return out;
}

type Add = (path: Array<string | number>, message: string, fix: string, severity?: Severity) => void;

/** Istio's validateGatewayNames: `namespace/name` with DNS labels, or a short or legacy FQDN name. */
function gatewayNameFinding(g: string, path: Array<string | number>, add: Add): void {
  const slash = g.indexOf('/');
  if (slash < 0) {
    if (g.includes('.')) {
      const parts = g.split('.');
      add(path, `Gateway name "${g}" uses the legacy name.namespace form.`, `Write "${parts[1]}/${parts[0]}".`, Severity.WARNING);
    }
    const problem = wildcardDomainProblem(g);
    if (problem || g.includes('*')) add(path, `Gateway name "${g}" is not a valid name: ${problem ?? 'it contains "*"'}.`, 'Write the Gateway as <namespace>/<name> or <name>.');
    return;
  }
  const ns = g.slice(0, slash);
  const name = g.slice(slash + 1);
  if (ns !== '.' && !isIstioDnsLabel(ns)) add(path, `Gateway "${g}": "${ns}" is not a namespace name.`, 'Write the Gateway as <namespace>/<name>.');
  if (!isIstioDnsLabel(name)) add(path, `Gateway "${g}": "${name}" is not a Gateway name (a DNS label).`, 'Write the Gateway as <namespace>/<name>.');
}

/** Istio's validateSniHost: a domain (an IP only with a warning) covered by one of the VirtualService's hosts. */
function sniFinding(vs: ObjectRecord, sni: string, path: Array<string | number>, add: Add): void {
  if (isIpAddress(sni)) {
    add(path, `SNI host "${sni}" is an IP address; most TLS clients send no SNI for IP addresses (Istio warns).`, 'Match on a host name.', Severity.WARNING);
    return;
  }
  const problem = sni === '*' && gatewayOnly(vs) ? undefined : wildcardDomainProblem(sni);
  if (problem) {
    add(path, `SNI host "${sni}" is not a domain name: ${problem}.`, 'Write the server name clients send.');
    return;
  }
  const hosts = hostsOf(vs).map((h) => h.host);
  const covered = hosts.some((h) => h === '*' || h === sni || (h.startsWith('*') && sni.endsWith(h.slice(1)) && (!sni.startsWith('*') || sni.length >= h.length)));
  if (!covered) {
    add(path, `SNI host "${sni}" is not covered by any host of the VirtualService (${hosts.join(', ') || 'none'}); Istio rejects it.`, 'Add the SNI host (or a wildcard covering it) to spec.hosts.');
  }
}
