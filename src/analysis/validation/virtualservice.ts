/**
 * Istio's validation webhook for VirtualService (pkg/config/validation), in one place: the walkers and
 * value checks its webhook-parity rules report from.
 */
import { Severity } from '../diagnostic';
import { isPlainObject, ObjectRecord } from '../manifest';
import { HttpRouteRef, httpRoutesOf, isSet } from '../resources/http-routes';
import { arrayOf, describeRoute, destinationsOf, gatewaysOf, hostsOf, MESH_GATEWAY, routeList } from '../resources/virtualservice';
import { Finding, Report } from '../rule';
import { isIstioDnsLabel } from '../validators/hosts';
import { HeaderOperation } from '../validators/http';
import { cidrProblem, isIpAddress } from '../validators/ip';
import { checkIstioRegex } from '../validators/regex';
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
  // Istio's delegate test is on the written list: hosts [""] is no delegate (its empty host is refused instead).
  const delegate = arrayOf(isPlainObject(vs.spec) ? vs.spec.hosts : undefined).length === 0;
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

/** Direct-response bodies above this are refused; above {@link LARGE_BODY} Istio warns. */
export const MAX_BODY = 1024 * 1024;

export const LARGE_BODY = 100 * 1024;

/** What else an HTTP route does besides a redirect or direct response, for conflict messages. */
export function otherActions(r: HttpRouteRef): Array<{ key: string; text: string }> {
  const out: Array<{ key: string; text: string }> = [];
  if (arrayOf(r.route.route).length > 0) out.push({ key: 'route', text: 'route destinations' });
  if (isSet(r.route, 'fault')) out.push({ key: 'fault', text: 'a fault' });
  if (isSet(r.route, 'rewrite')) out.push({ key: 'rewrite', text: 'a rewrite' });
  return out;
}

/** Size in bytes of a direct-response body (`string`, or base64 `bytes`). */
export function bodySize(body: unknown): number | undefined {
  if (!isPlainObject(body)) return undefined;
  if (typeof body.string === 'string') return Buffer.byteLength(body.string, 'utf8');
  if (typeof body.bytes === 'string') return Buffer.from(body.bytes, 'base64').length;
  return undefined;
}
export const FIELDS: ReadonlyArray<{ path: string[]; whenAbsent?: string; wholeSeconds?: boolean }> = [
  { path: ['timeout'], whenAbsent: 'a route without timeout has none (Istio\'s default)' },
  { path: ['retries', 'perTryTimeout'], whenAbsent: 'each try may then use the whole route timeout' },
  { path: ['retries', 'backoff'], whenAbsent: 'Envoy then backs off from 25ms' },
  { path: ['fault', 'delay', 'fixedDelay'] },
  { path: ['fault', 'delay', 'exponentialDelay'] },
  { path: ['corsPolicy', 'maxAge'], wholeSeconds: true, whenAbsent: 'browsers then use their own preflight cache time' },
];

/** A `headers` block (route level or destination level) of an HTTP route. */
interface HeadersBlock {
  readonly headers: Record<string, any>;
  readonly path: Array<string | number>;
  readonly where: string;
}

/** The route's own `headers` and each `route[j].headers`. */
export function headerBlocks(r: HttpRouteRef): HeadersBlock[] {
  const out: HeadersBlock[] = [];
  if (isPlainObject(r.route.headers)) out.push({ headers: r.route.headers, path: [...r.path, 'headers'], where: 'headers' });
  arrayOf(r.route.route).forEach((rd, j) => {
    if (isPlainObject(rd) && isPlainObject(rd.headers)) {
      out.push({ headers: rd.headers, path: [...r.path, 'route', j, 'headers'], where: `route[${j}].headers` });
    }
  });
  return out;
}

/** Calls `fn` for every header name (and value, for set/add) written in a headers block. */
export function eachOperation(
  block: HeadersBlock,
  fn: (op: HeaderOperation, name: string, value: unknown, path: Array<string | number>, field: string) => void,
): void {
  for (const side of ['request', 'response'] as const) {
    const ops = block.headers[side];
    if (!isPlainObject(ops)) continue;
    for (const verb of ['set', 'add'] as const) {
      if (!isPlainObject(ops[verb])) continue;
      for (const [name, value] of Object.entries(ops[verb])) {
        fn(`${side}-${verb}`, name, value, [...block.path, side, verb, name], `${block.where}.${side}.${verb}`);
      }
    }
    arrayOf(ops.remove).forEach((name, i) => {
      if (typeof name === 'string') fn(`${side}-remove`, name, undefined, [...block.path, side, 'remove', i], `${block.where}.${side}.remove`);
    });
  }
}

export function suggestHeaderName(name: string): string {
  if (name === '') return 'Remove the empty header name, or write the header to match.';
  const cleaned = name.trim().replace(/[^!#$%&'*+\-.^_`|~A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned !== '' && cleaned !== name
    ? `Header names are tokens without spaces, colons or quotes, e.g. ${JSON.stringify(cleaned)}.`
    : 'Header names are tokens without spaces, colons or quotes.';
}

/** A `StringMatch` of an HTTP route, with where it sits. */
interface StringMatchRef {
  readonly match: Record<string, any>;
  readonly path: Array<string | number>;
  /** Field name for messages, e.g. `match[0].headers["x-user"]`. */
  readonly field: string;
  /** Whether Istio refuses an empty prefix here (every place but `uri`). */
  readonly prefixMustBeNonEmpty: boolean;
  /** Whether the regex `*` is allowed (withoutHeaders, where it means "header present"). */
  readonly starMeansPresent: boolean;
}

/** Every StringMatch under `spec.http[].match[]`. */
export function stringMatchesOf(vs: ObjectRecord): Array<StringMatchRef & { label: string }> {
  const out: Array<StringMatchRef & { label: string }> = [];
  for (const r of httpRoutesOf(vs)) {
    arrayOf(r.route.match).forEach((m, i) => {
      if (!isPlainObject(m)) return;
      for (const key of ['uri', 'scheme', 'method', 'authority']) {
        if (isPlainObject(m[key])) {
          out.push({
            label: r.label,
            match: m[key],
            path: [...r.path, 'match', i, key],
            field: `match[${i}].${key}`,
            prefixMustBeNonEmpty: key !== 'uri',
            starMeansPresent: false,
          });
        }
      }
      for (const key of ['headers', 'withoutHeaders', 'queryParams']) {
        if (!isPlainObject(m[key])) continue;
        for (const [name, sm] of Object.entries(m[key])) {
          if (!isPlainObject(sm)) continue;
          out.push({
            label: r.label,
            match: sm,
            path: [...r.path, 'match', i, key, name],
            field: `match[${i}].${key}[${JSON.stringify(name)}]`,
            prefixMustBeNonEmpty: true,
            starMeansPresent: key === 'withoutHeaders',
          });
        }
      }
    });
  }
  return out;
}

export function reportRegex(report: Report, vs: ObjectRecord, pattern: string, path: Array<string | number>, field: string): void {
  const problem = checkIstioRegex(pattern);
  if (!problem) return;
  const shown = pattern.length > 80 ? `${JSON.stringify(pattern.slice(0, 77))}…` : JSON.stringify(pattern);
  report({
    object: vs,
    path,
    message: `${field} ${shown} ${problem.reason}; Istio's validation webhook rejects it.`,
    fix: problem.hint ?? 'Write a regex that RE2 accepts.',
  });
}
export const INT32_MAX = 2147483647;
