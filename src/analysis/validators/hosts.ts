/**
 * Host-name checks with Istio's exact rules (`pkg/config/validation/agent` and `pkg/config/host`),
 * which differ from Kubernetes' in small ways: DNS labels may hold upper-case letters, only the
 * first label may carry a wildcard, a top-level domain may not be all digits, and a trailing dot
 * is allowed.
 */
import { cidrProblem, isIpAddress } from './ip';
import { namespaceNameProblem } from './names';

const LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

/** Istio's `IsDNS1123Label`: letters (either case), digits and inner dashes, at most 63 characters. */
export function isIstioDnsLabel(value: string): boolean {
  return value.length > 0 && value.length <= 63 && LABEL.test(value);
}

/** A first label that may be `*`, `*foo`, `*-foo` or a plain label. */
function isWildcardLabel(value: string): boolean {
  return value.length <= 63 && WILDCARD_LABEL.test(value);
}

/**
 * Why a name is not a domain in Istio's reading, in the order Istio checks (`CheckDNS1123Preconditions`,
 * then the first label, then `ValidateDNS1123Labels` on the rest: the top-level label before the
 * labels one by one). Callers word the fault; the verdict is decided here only.
 */
export type DomainFault =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-long'; readonly length: number }
  | { readonly kind: 'first-label'; readonly label: string }
  | { readonly kind: 'numeric-tld'; readonly label: string }
  | { readonly kind: 'label'; readonly label: string };

function preconditionFault(name: string): DomainFault | undefined {
  if (name.length === 0) return { kind: 'empty' };
  if (name.length > 255) return { kind: 'too-long', length: name.length };
  return undefined;
}

/**
 * Istio's `ValidateDNS1123Labels`. The top-level label is the text after the last dot, so for a
 * name with a trailing dot it is the empty string, which is not all digits: Istio accepts
 * `example.123.` while it rejects `example.123`. The empty last label is then allowed.
 */
function labelsFault(domain: string): DomainFault | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1];
  if (/^[0-9]+$/.test(tld)) return { kind: 'numeric-tld', label: tld };
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined; // `example.com.`
    if (!isIstioDnsLabel(parts[i])) return { kind: 'label', label: parts[i] };
  }
  return undefined;
}

/** Istio's `ValidateFQDN` verdict: a DNS name without wildcard. */
export function fqdnFault(name: string): DomainFault | undefined {
  return preconditionFault(name) ?? labelsFault(name);
}

/** Istio's `ValidateWildcardDomain` verdict: a DNS name whose first label may be a wildcard. */
export function wildcardDomainFault(name: string): DomainFault | undefined {
  const pre = preconditionFault(name);
  if (pre) return pre;
  const dot = name.indexOf('.');
  const first = dot < 0 ? name : name.slice(0, dot);
  if (!isWildcardLabel(first)) return { kind: 'first-label', label: first };
  return dot < 0 ? undefined : labelsFault(name.slice(dot + 1));
}

/** The wording of a {@link DomainFault} used by the Gateway, ServiceEntry and Sidecar rules. */
export function describeDomainFault(fault: DomainFault | undefined): string | undefined {
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'empty': return 'it is empty';
    case 'too-long': return `it is ${fault.length} characters long (at most 255)`;
    case 'numeric-tld': return `its top-level domain "${fault.label}" is all digits`;
    case 'first-label': return `label "${fault.label}" is neither a DNS label nor a wildcard label (\`*\`, \`*.\` prefix)`;
    case 'label': return `label "${fault.label}" is not a DNS label (letters, digits and inner dashes, at most 63 characters)`;
  }
}

/** Istio's `ValidateFQDN`: a DNS name without wildcard. Returns why not, or undefined. */
export function fqdnProblem(name: string): string | undefined {
  return describeDomainFault(fqdnFault(name));
}

/** Istio's `ValidateWildcardDomain`: a DNS name whose first label may be a wildcard. */
export function wildcardDomainProblem(name: string): string | undefined {
  return describeDomainFault(wildcardDomainFault(name));
}

/** Istio's `ValidatePartialWildCard`: a `*` anywhere but as the whole host or a leading `*.`. */
export function isPartialWildcard(host: string): boolean {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.');
}

/**
 * Istio's `ValidateNamespaceSlashWildcardHostname` for Gateway server hosts (`gateway` true) and
 * Sidecar egress hosts: `namespace/dnsName` (gateways also take a bare dnsName or an IP), where
 * the namespace is `*`, `.`, a DNS label (or `~` in a Sidecar), and the dnsName is an FQDN,
 * optionally with a leading wildcard, or `*`. Returns why the host is rejected, or undefined.
 */
export function namespacedHostProblem(host: string, gateway: boolean): string | undefined {
  const slash = host.indexOf('/');
  if (slash < 0) {
    if (!gateway) return 'it is not of the form namespace/dnsName';
    return hostnamePartProblem(host, true);
  }
  const ns = host.slice(0, slash);
  const name = host.slice(slash + 1);
  if (ns === '' || name === '') return 'the namespace and the dnsName on either side of "/" must both be set';
  const allowed = gateway ? ['*', '.'] : ['*', '.', '~'];
  if (!allowed.includes(ns) && !isIstioDnsLabel(ns)) {
    return `namespace "${ns}" is not ${allowed.map((a) => `"${a}"`).join(', ')} or a namespace name`;
  }
  return hostnamePartProblem(name, gateway);
}

function hostnamePartProblem(name: string, gateway: boolean): string | undefined {
  if (name !== '*' && !name.includes('.')) return `"${name}" is a short name; write the fully qualified name (e.g. ${name}.<namespace>.svc.cluster.local)`;
  const domain = wildcardDomainProblem(name);
  if (domain && !(gateway && isIpAddress(name))) return `"${name}" is not a valid host: ${domain}`;
  if (isPartialWildcard(name)) return `"${name}" has a partial wildcard; only "*" or a leading "*." is allowed`;
  return undefined;
}

/**
 * Istio's `host.Name.Matches`: two hosts overlap when they are equal, or when a wildcard one
 * (`*.example.com`, `*`) covers the other (either way round).
 */
export function hostsOverlap(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (aw && bw) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** Whether `pattern` (a host, possibly `*.`-wildcarded or `*`) covers every name `host` stands for. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*')) return false;
  const suffix = pattern.slice(1);
  if (host.startsWith('*')) return host.slice(1).endsWith(suffix) && host.length >= pattern.length;
  return host.endsWith(suffix);
}

/** Istio's `ValidateUnixAddress` on the path after `unix://`: why it is rejected, or undefined. */
export function unixAddressProblem(path: string): string | undefined {
  if (path === '') return 'the unix socket path is empty';
  if (path.startsWith('@')) return undefined; // abstract socket
  if (!path.startsWith('/') || path.endsWith('/')) return `"${path}" is not an absolute path to a file`;
  return undefined;
}

/** Istio's `ValidateIPSubnet`: an IP address, or a CIDR block when there is exactly one "/". */
export function ipSubnetProblem(value: string): string | undefined {
  if ((value.match(/\//g) ?? []).length === 1) return cidrProblem(value);
  return isIpAddress(value) ? undefined : 'it is not an IP address or a CIDR block';
}

/** Istio's port range check: 1 to 65535. */
export function isValidPortNumber(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/**
 * Why a host in an AuthorizationPolicy `hosts`/`notHosts` can never match a request's Host
 * header, or undefined. Istio compares it as a string (with a `*` allowed at the start or end),
 * so a scheme, a space or an empty label is not refused, it just matches nothing: in a DENY
 * policy the rule then fails open.
 */
export function authorizationHostProblem(host: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return 'has a scheme; a Host header carries none';
  if (/\s/.test(host)) return 'contains white space, which no Host header does';
  if (host === '*') return undefined;
  const bare = host.replace(/^\*/, '').replace(/\*$/, '');
  const name = bare.replace(/:[0-9]+$/, '');
  // A leading '.' is fine after '*' ('*.example.com'); a trailing one is a fully qualified name.
  if (name.includes('..') || (name.startsWith('.') && !host.startsWith('*')) || name === '') {
    return 'has an empty label (two dots in a row, or a leading dot)';
  }
  return undefined;
}

/**
 * Why a namespace in an AuthorizationPolicy `namespaces`/`notNamespaces` can never match, or
 * undefined: a namespace name, or one with a `*` at the start or end (`*`, `team-*`, `*-prod`).
 */
export function authorizationNamespaceProblem(namespace: string): string | undefined {
  if (namespace === '*') return undefined;
  const bare = namespace.replace(/^\*/, '').replace(/\*$/, '');
  if (bare !== namespace) {
    return /^[a-z0-9-]+$/.test(bare) ? undefined : `is '${namespace}'; around its '*', a namespace pattern holds lower-case letters, digits and '-' only`;
  }
  return namespaceNameProblem(namespace);
}
