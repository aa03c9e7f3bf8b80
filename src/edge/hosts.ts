/**
 * Host-name checks shared by the edge constructs (Gateway, Sidecar, ServiceEntry, gateway
 * exposure). They only reject what Istio's validation webhook rejects outright; everything that
 * depends on other objects (does a gateway serve this host, does a ServiceEntry declare it) is
 * the analysis engine's. Not part of the public API.
 */
import { wildcardDomainFault } from '../analysis/validators/hosts';
import { isIpAddress } from '../analysis/validators/ip';
import { isDns1123Label } from '../analysis/validators/names';

/** A `namespace/dnsName` host split in two; `namespace` is undefined without a slash. */
export interface NamespacedHost {
  readonly namespace?: string;
  readonly dnsName: string;
}

/** Splits `ns/host` at the first slash. */
export function splitNamespacedHost(host: string): NamespacedHost {
  const slash = host.indexOf('/');
  return slash < 0 ? { dnsName: host } : { namespace: host.slice(0, slash), dnsName: host.slice(slash + 1) };
}

/**
 * Why `name` is not a DNS name with at most a leading `*.` wildcard, or undefined when it is one.
 * `allowShort` accepts names without a dot (VirtualService and ServiceEntry hosts);
 * `partialWildcard` accepts a first label such as `*foo` (ServiceEntry hosts: Istio only warns).
 */
export function dnsNameProblem(name: string, allowShort: boolean, partialWildcard = false): string | undefined {
  if (name === '') return 'is empty';
  if (/\s/.test(name)) return "contains white space, which no DNS name has; write the name without it, e.g. 'api.example.com'";
  const firstDot = name.indexOf('.');
  const partial = partialWildcard && name.startsWith('*') && !name.startsWith('*.') && !name.slice(1).includes('*');
  const bare = name.startsWith('*.') ? name.slice(2) : partial ? (firstDot < 0 ? 'x' : `x${name.slice(1)}`) : name;
  if (bare.includes('*')) {
    return "has a wildcard that is not the whole left-most label; Istio only accepts '*' alone or a '*.' prefix (e.g. '*.example.com')";
  }
  if (!allowShort && !name.startsWith('*.') && !bare.includes('.')) {
    return 'is a short name; write the fully qualified name (e.g. \'reviews.shop.svc.cluster.local\' or \'bookinfo.example.com\')';
  }
  // The verdict on the labels is the analysis engine's (Istio's ValidateWildcardDomain), so the
  // early throw and the lint rule never disagree; only the wording is the construct's.
  const fault = wildcardDomainFault(name);
  if (fault?.kind === 'too-long') return `is ${fault.length} characters long; Istio accepts at most 255`;
  if (fault?.kind === 'numeric-tld') return `has the all-digit top-level domain '${fault.label}', which Istio rejects`;
  if (fault) return 'is not a DNS name (labels of letters, digits and \'-\', separated by dots)';
  return undefined;
}

/**
 * Why `host` is not a Gateway server host (`[namespace/]dnsName`: namespace `*`, `.` or a
 * namespace name; dnsName `*`, an IP address, or a fully qualified name with an optional `*.`
 * prefix), or undefined when it is one.
 */
export function gatewayHostProblem(host: string): string | undefined {
  if (typeof host !== 'string') return 'is not a string';
  const { namespace, dnsName } = splitNamespacedHost(host);
  if (namespace !== undefined && namespace !== '*' && namespace !== '.' && !isDns1123Label(namespace)) {
    return `has namespace part '${namespace}'; use '*' (any namespace), '.' (the Gateway's namespace) or a namespace name`;
  }
  if (dnsName === '*' || isIpAddress(dnsName)) return undefined;
  const problem = dnsNameProblem(dnsName, false);
  return problem === undefined ? undefined : `${namespace !== undefined ? 'has a host part that ' : ''}${problem}`;
}

/**
 * Why `host` is not a Sidecar egress host (`namespace/dnsName`: namespace `*`, `.`, `~` or a
 * namespace name; dnsName `*` or a fully qualified name with an optional `*.` prefix), or
 * undefined when it is one.
 */
export function sidecarHostProblem(host: string): string | undefined {
  if (typeof host !== 'string') return 'is not a string';
  const { namespace, dnsName } = splitNamespacedHost(host);
  if (namespace === undefined) {
    return "has no namespace part; write 'namespace/dnsName', e.g. './*', 'istio-system/*' or '*/api.example.com'";
  }
  if (namespace === '' || (namespace !== '*' && namespace !== '.' && namespace !== '~' && !isDns1123Label(namespace))) {
    return `has namespace part '${namespace}'; use '*' (any namespace), '.' (the Sidecar's namespace), '~' (none) or a namespace name`;
  }
  if (dnsName === '*') return undefined;
  if (isIpAddress(dnsName)) return "has an IP address as host part; a Sidecar names services by host name (e.g. 'shop/db.shop.svc.cluster.local')";
  const problem = dnsNameProblem(dnsName, false);
  return problem === undefined ? undefined : `has a host part that ${problem}`;
}

/**
 * Why `host` is not a VirtualService host (a DNS name, a short name, a `*.` wildcard or `*`; no
 * namespace prefix), or undefined when it is one.
 */
export function virtualServiceHostProblem(host: string): string | undefined {
  if (typeof host !== 'string') return 'is not a string';
  if (host.includes('/')) {
    return "has a namespace prefix; VirtualService hosts are plain names (the 'namespace/host' form belongs to Gateway servers and Sidecars)";
  }
  if (host === '*' || isIpAddress(host)) return undefined;
  return dnsNameProblem(host, true);
}

/** Whether a dnsName is a wildcard (`*`, `*.suffix`, or a partial `*foo.suffix`). */
export function isWildcardName(name: string): boolean {
  return name.startsWith('*');
}

/** Removes duplicates, keeping the first occurrence. */
export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
