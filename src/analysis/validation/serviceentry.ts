/**
 * Webhook parity for ServiceEntries: Istio's `ValidateServiceEntry` (and `validateWorkloadEntry`
 * for STATIC endpoints, `validateExportTo`), plus the CRD's CEL rules that say the same, each in
 * our words with Istio's severity (errors IST0106, warnings IST0133).
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { memoize, Problem } from './category-rule';
import { MeshModel } from '../model';
import { arrayOf } from '../resources/virtualservice';
import { fqdnProblem, ipSubnetProblem, isIstioDnsLabel, isPartialWildcard, isValidPortNumber, unixAddressProblem, wildcardDomainProblem } from '../validators/hosts';
import { isIpAddress } from '../validators/ip';
import { isLabelKey, isLabelValue } from '../validators/names';
import { isHttpProtocol, isTcpProtocol, isTlsProtocol, parseProtocol, PROTOCOL_NAMES } from '../validators/protocols';

export type ServiceEntryCategory = 'host' | 'partial-wildcard' | 'address' | 'port' | 'endpoint' | 'dns' | 'multiple-hosts' | 'export-to' | 'warning';
type Add = (category: ServiceEntryCategory, path: Array<string | number>, message: string, fix: string) => void;

const UNIX = 'unix://';

/** The resolution Istio applies: the written one, or NONE (the proto default). */
export function resolutionOf(se: ObjectRecord): string {
  const r = isPlainObject(se.spec) ? se.spec.resolution : undefined;
  return typeof r === 'string' && r !== '' ? r : 'NONE';
}

/** `spec.hosts` strings of a ServiceEntry, with their index. */
export function serviceEntryHosts(se: ObjectRecord): Array<{ host: string; index: number }> {
  const out: Array<{ host: string; index: number }> = [];
  if (!isPlainObject(se.spec)) return out;
  arrayOf(se.spec.hosts).forEach((h, index) => {
    if (typeof h === 'string') out.push({ host: h, index });
  });
  return out;
}

/** Istio's `visibility.Instance.Validate` for one exportTo entry (`~` only allowed on ServiceEntries). */
function exportToEntryProblem(entry: string): string | undefined {
  if (entry === '.' || entry === '*' || entry === '~') return undefined;
  return isIstioDnsLabel(entry) ? undefined : `"${entry}" is not ".", "*", "~" or a namespace name`;
}

export const serviceEntryProblems = memoize((se: ObjectRecord): Array<Problem<ServiceEntryCategory>> => {
  const out: Array<Problem<ServiceEntryCategory>> = [];
  const add: Add = (category, path, message, fix) => out.push({ category, path, message, fix });
  if (!isPlainObject(se.spec)) return out;
  const spec = se.spec;
  const resolution = resolutionOf(se);
  const selector = spec.workloadSelector;
  const endpoints = arrayOf(spec.endpoints);

  if (selector !== undefined && isPlainObject(selector)) {
    const labels = isPlainObject(selector.labels) ? selector.labels : {};
    for (const [k, v] of Object.entries(labels)) {
      if (k === '' || k.includes('*') || (typeof v === 'string' && v.includes('*'))) {
        add('endpoint', ['spec', 'workloadSelector', 'labels', k], `workloadSelector label "${k}=${String(v)}" has ${k === '' ? 'an empty key' : 'a "*"'}; Istio rejects it (selectors match labels exactly).`,
          'Select on the exact labels of the workloads (WorkloadEntries or pods) that back this service.');
      }
    }
    if (Object.keys(labels).length === 0) {
      add('warning', ['spec', 'workloadSelector'], 'workloadSelector has no labels, so it selects every workload of the namespace (Istio warns).',
        'Add the labels of the workloads that back this service, or remove workloadSelector.');
    }
  }
  if (selector !== undefined && endpoints.length > 0) {
    add('endpoint', ['spec', 'endpoints'], 'The ServiceEntry sets both workloadSelector and endpoints; Istio accepts only one of them.',
      'Keep endpoints for fixed addresses, or workloadSelector to pick WorkloadEntries/pods by label.');
  }

  // Hosts
  if (Array.isArray(spec.hosts) && spec.hosts.length === 0) {
    add('host', ['spec', 'hosts'], 'The ServiceEntry has an empty hosts list; Istio requires at least one host.', 'List the host names clients use, e.g. "api.example.com".');
  }
  for (const { host, index } of serviceEntryHosts(se)) {
    const path = ['spec', 'hosts', index];
    if (host === '*') {
      add('host', path, 'Host "*" would claim every host name; Istio rejects it in a ServiceEntry.', 'List the external hosts, or a wildcard domain such as "*.example.com".');
      continue;
    }
    const problem = wildcardDomainProblem(host);
    if (problem) add('host', path, `Host "${host}" is not a valid host name: ${problem}. Istio rejects it.`, 'Write a DNS name such as "api.example.com" or "*.example.com".');
    if (isPartialWildcard(host)) {
      add('partial-wildcard', path, `Host "${host}" has a "*" that is not a leading "*." label; Istio warns, and the "*" only matches literally.`,
        'Use a leading wildcard ("*.example.com") or list the hosts.');
    }
  }

  // Addresses
  let cidr = false;
  arrayOf(spec.addresses).forEach((a, i) => {
    if (typeof a !== 'string') return;
    if (a.includes('/')) cidr = true;
    const problem = ipSubnetProblem(a);
    if (problem) add('address', ['spec', 'addresses', i], `Address "${a}" is rejected: ${problem}.`, 'Use an IP (10.0.0.5) or a CIDR block (10.0.0.0/24).');
  });
  if (cidr && resolution !== 'NONE' && resolution !== 'STATIC') {
    add('address', ['spec', 'addresses'], `The addresses include a CIDR block, which Istio allows only with resolution NONE or STATIC, not ${resolution}.`,
      'Use resolution NONE (or STATIC with endpoints) for an address range, or list single IPs.');
  }

  // Ports
  const names = new Set<string>();
  const numbers = new Set<number>();
  arrayOf(spec.ports).forEach((p, i) => {
    const at = (...rest: Array<string | number>) => ['spec', 'ports', i, ...rest];
    if (!isPlainObject(p)) {
      add('port', at(), `ports[${i}] is ${JSON.stringify(p)}; Istio rejects an empty port.`, 'Remove it, or give it a number, name and protocol.');
      return;
    }
    if (typeof p.name === 'string') {
      if (names.has(p.name)) add('port', at('name'), `Port name "${p.name}" is used twice; Istio requires unique port names.`, `Rename one, e.g. "${p.name}-${p.number ?? i}".`);
      names.add(p.name);
      if (!isIstioDnsLabel(p.name)) add('port', at('name'), `Port name "${p.name}" is not a DNS label (letters, digits, inner dashes); Istio rejects it.`, 'Use a name like "https" or "tcp-db".');
    }
    if (typeof p.number === 'number') {
      if (numbers.has(p.number)) add('port', at('number'), `Port ${p.number} is declared twice; Istio rejects the repeat.`, 'Remove the duplicate port.');
      numbers.add(p.number);
      if (!isValidPortNumber(p.number)) add('port', at('number'), `Port number ${p.number} is outside 1..65535.`, 'Use a valid port number.');
    }
    if (p.targetPort !== undefined && p.targetPort !== 0 && !isValidPortNumber(p.targetPort)) {
      add('port', at('targetPort'), `targetPort ${String(p.targetPort)} is outside 1..65535.`, 'Use a valid port number, or remove targetPort.');
    }
    if (typeof p.protocol === 'string' && p.protocol !== '' && parseProtocol(p.protocol) === 'unsupported') {
      add('port', at('protocol'), `Protocol "${p.protocol}" is not one Istio knows; it rejects the ServiceEntry.`, `Use one of ${PROTOCOL_NAMES}.`);
    }
  });

  // Resolution-specific checks
  if (resolution === 'NONE') {
    if (endpoints.length > 0) {
      add('endpoint', ['spec', 'endpoints'], 'resolution NONE forwards to the address the client asked for, so endpoints are not used; Istio rejects endpoints with NONE.',
        'Use resolution STATIC to send traffic to these endpoints, or DNS for host names; or remove endpoints.');
    }
    if (selector !== undefined) {
      add('warning', ['spec', 'workloadSelector'], 'workloadSelector has no effect with resolution NONE (Istio warns).', 'Use resolution STATIC to route to the selected workloads.');
    }
  } else if (resolution === 'STATIC') {
    endpoints.forEach((ep, i) => staticEndpoint(ep, i, names, add));
  } else if (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') {
    if (endpoints.length === 0) {
      for (const { host, index } of serviceEntryHosts(se)) {
        const problem = fqdnProblem(host);
        if (!problem || host === '*') continue;
        add('dns', ['spec', 'hosts', index],
          `resolution ${resolution} without endpoints makes the proxy resolve the hosts themselves in DNS, but "${host}" is not a name DNS can resolve (${problem}); Istio rejects the ServiceEntry.`,
          host.startsWith('*')
            ? 'For a wildcard host, use resolution NONE (the proxy forwards to the IP the client resolved) or DYNAMIC_DNS; or keep DNS and add endpoints with resolvable addresses.'
            : 'Use a fully qualified host name, or add endpoints whose addresses DNS can resolve.');
      }
    }
    if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) {
      add('endpoint', ['spec', 'endpoints'], `resolution DNS_ROUND_ROBIN uses a single DNS name, but ${endpoints.length} endpoints are listed; Istio accepts 0 or 1.`,
        'Use resolution DNS to balance over several endpoints, or keep one endpoint.');
    }
    endpoints.forEach((ep, i) => {
      if (!isPlainObject(ep)) return;
      const address = typeof ep.address === 'string' ? ep.address : '';
      if (!isIpAddress(address) && fqdnProblem(address)) {
        add('endpoint', ['spec', 'endpoints', i, 'address'], `Endpoint address "${address}" is neither an IP address nor a DNS name; Istio rejects it.`, 'Use an IP address or a resolvable host name.');
      }
      endpointLabelsAndPorts(ep, i, names, add);
    });
    if (selector !== undefined) {
      add('warning', ['spec', 'workloadSelector'], `workloadSelector has no effect with resolution ${resolution} (Istio warns).`, 'Use resolution STATIC to route to the selected workloads.');
    }
    const tcpPort = arrayOf(spec.ports).some((p) => isPlainObject(p) && isTcpProtocol(parseProtocol(p.protocol)));
    if (arrayOf(spec.addresses).length > 0 && serviceEntryHosts(se).length > 1 && tcpPort) {
      add('warning', ['spec', 'hosts'], 'The ServiceEntry has addresses, a TCP port and several hosts; a TCP listener on an address cannot tell the hosts apart (Istio warns).',
        'Split it into one ServiceEntry per host, or remove the addresses.');
    }
  }

  if (resolution !== 'NONE' && serviceEntryHosts(se).length > 1) {
    const carriesHost = (protocol: unknown) => isHttpProtocol(parseProtocol(protocol)) || isTlsProtocol(parseProtocol(protocol));
    const opaque = arrayOf(spec.ports).findIndex((p) => isPlainObject(p) && !carriesHost(p.protocol));
    if (opaque >= 0) {
      const p = spec.ports[opaque];
      add('multiple-hosts', ['spec', 'ports', opaque],
        `The ServiceEntry lists ${serviceEntryHosts(se).length} hosts with resolution ${resolution} and port ${String(p.number)} is ${typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'without protocol'}: plain TCP carries no host name (no Host header, no SNI), so the proxy cannot tell the hosts apart; Istio rejects it.`,
        'Declare the port as HTTP, HTTPS or TLS, split the hosts into one ServiceEntry each, or use resolution NONE.');
    }
  }

  // exportTo
  const exportTo = arrayOf(spec.exportTo).filter((e): e is string => typeof e === 'string');
  const seen = new Set<string>();
  exportTo.forEach((e, i) => {
    const key = e === '.' ? se.namespace : e;
    // Istio validates "." as the namespace it stands for, so an invalid namespace fails here.
    const problem = e === '.' && exportToEntryProblem(key) ? `"." stands for the namespace "${key}", which is not a namespace name` : exportToEntryProblem(e);
    if (seen.has(key)) {
      add('export-to', ['spec', 'exportTo', i], key !== e ? `exportTo lists both "." and the ServiceEntry's own namespace ${se.namespace}; Istio rejects the repeat.` : `exportTo lists "${e}" twice; Istio rejects the repeat.`, 'Remove the duplicate entry.');
    } else if (problem) {
      add('export-to', ['spec', 'exportTo', i], `exportTo entry ${problem}; Istio rejects it.`, 'Use "." (this namespace), "*" (every namespace), "~" (no namespace) or namespace names.');
    }
    seen.add(key);
  });
  if (exportTo.length > 1 && seen.has('*')) {
    add('export-to', ['spec', 'exportTo'], `exportTo mixes "*" with other entries (${exportTo.join(', ')}); Istio rejects it, as "*" already means every namespace.`, 'Keep only "*", or list the namespaces without "*".');
  }
  if (exportTo.length > 1 && seen.has('~')) {
    add('export-to', ['spec', 'exportTo'], `exportTo mixes "~" (no namespace) with other entries (${exportTo.join(', ')}); Istio rejects it.`, 'Keep only "~", or list the namespaces that may use the service.');
  }
  return out;
});

/** Istio's `validateWorkloadEntry` for a STATIC endpoint (IP addresses only, or a unix socket). */
function staticEndpoint(ep: unknown, i: number, servicePortNames: Set<string>, add: Add): void {
  const at = (...rest: Array<string | number>) => ['spec', 'endpoints', i, ...rest];
  if (!isPlainObject(ep)) {
    add('endpoint', at(), `endpoints[${i}] is ${JSON.stringify(ep)}; Istio rejects an empty endpoint.`, 'Remove it, or give it an address.');
    return;
  }
  const address = typeof ep.address === 'string' ? ep.address : '';
  if (address === '') {
    if (typeof ep.network !== 'string' || ep.network === '') {
      add('endpoint', at('address'), `endpoints[${i}] has no address; Istio requires one (or a network, for an endpoint behind a network gateway).`, 'Set address to the IP of the endpoint.');
    } else {
      add('warning', at('address'), `endpoints[${i}] has no address, only network "${ep.network}" (Istio warns): traffic reaches it through that network's gateway.`, 'Set the address if the endpoint is reachable directly.');
    }
  } else if (address.startsWith(UNIX)) {
    const problem = unixAddressProblem(address.slice(UNIX.length));
    if (problem) add('endpoint', at('address'), `Endpoint address "${address}": ${problem}.`, 'Use unix:///absolute/path or unix://@abstract-name.');
    if (isPlainObject(ep.ports) && Object.keys(ep.ports).length > 0) {
      add('endpoint', at('ports'), `The unix socket endpoint "${address}" lists ports; Istio rejects ports on a unix endpoint.`, 'Remove ports from this endpoint.');
    }
    if (servicePortNames.size !== 1) {
      add('endpoint', at('address'), `A unix socket endpoint needs exactly one service port, but the ServiceEntry declares ${servicePortNames.size}.`, 'Declare a single port for a unix socket service.');
    }
  } else if (!isIpAddress(address)) {
    add('endpoint', at('address'), `Endpoint address "${address}" is not an IP address; with resolution STATIC Istio only accepts IPs (or unix sockets).`,
      'Use resolution DNS to resolve host names, or write the endpoint\'s IP.');
  }
  endpointLabelsAndPorts(ep, i, servicePortNames, add);
}

function endpointLabelsAndPorts(ep: Record<string, any>, i: number, servicePortNames: Set<string>, add: Add): void {
  const at = (...rest: Array<string | number>) => ['spec', 'endpoints', i, ...rest];
  if (isPlainObject(ep.ports)) {
    for (const [name, port] of Object.entries(ep.ports)) {
      if (!servicePortNames.has(name)) {
        add('endpoint', at('ports', name), `Endpoint port "${name}" is not a port name of the ServiceEntry (${[...servicePortNames].join(', ') || 'none'}); Istio rejects it.`,
          'Key endpoint ports by the name of a ServiceEntry port.');
      } else if (!isIstioDnsLabel(name)) {
        add('endpoint', at('ports', name), `Endpoint port name "${name}" is not a DNS label.`, 'Use the ServiceEntry port names.');
      }
      if (!isValidPortNumber(port)) add('endpoint', at('ports', name), `Endpoint port ${String(port)} is outside 1..65535.`, 'Use a valid port number.');
    }
  }
  if (isPlainObject(ep.labels)) {
    for (const [k, v] of Object.entries(ep.labels)) {
      if (!isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v)) {
        add('endpoint', at('labels', k), `Endpoint label "${k}: ${String(v)}" is not a valid Kubernetes label; Istio rejects it.`, 'Use label keys and values of letters, digits, "-", "_" and "." (63 characters at most).');
      }
    }
  }
}

export const serviceEntries = (model: MeshModel) => model.serviceEntries();
