/**
 * IP address and CIDR parsing with the strictness of Go's `net/netip` (which Istio uses for
 * `ipBlocks` and the `source.ip` / `destination.ip` / `remote.ip` conditions): IPv4 in four
 * decimal octets without leading zeros, IPv6 in RFC 4291 text form (optionally with an
 * embedded IPv4 tail), a zone (`%eth0`) on addresses only, and a prefix length without
 * leading zeros that fits the address family.
 */

const IPV4_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Whether `value` is a dotted-decimal IPv4 address (`10.0.0.1`). */
export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => IPV4_OCTET.test(p) && Number(p) <= 255);
}

/** Whether `value` is an IPv6 address in text form (`2001:db8::1`, `::ffff:10.0.0.1`), without zone. */
export function isIPv6(value: string): boolean {
  if (value.length === 0 || value.includes(':::')) return false;
  let text = value;
  let ipv4Groups = 0;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    // Keep the colon so the split still sees the group boundary.
    text = `${text.slice(0, lastColon + 1)}0`;
    ipv4Groups = 1; // the tail stands for two groups; one is the placeholder above
  }
  const doubleColon = text.indexOf('::');
  if (doubleColon >= 0 && text.indexOf('::', doubleColon + 1) >= 0) return false;
  const groupsOf = (s: string): string[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    return groups.every((g) => HEX_GROUP.test(g)) ? groups : undefined;
  };
  if (doubleColon >= 0) {
    const head = groupsOf(text.slice(0, doubleColon));
    const tail = groupsOf(text.slice(doubleColon + 2));
    if (!head || !tail) return false;
    return head.length + tail.length + ipv4Groups <= 7;
  }
  const groups = groupsOf(text);
  return groups !== undefined && groups.length + ipv4Groups === 8;
}

/** Whether `value` is an IP address as `netip.ParseAddr` accepts it (IPv6 may carry a `%zone`). */
export function isIpAddress(value: string): boolean {
  if (isIPv4(value)) return true;
  const percent = value.indexOf('%');
  if (percent >= 0) {
    return percent < value.length - 1 && isIPv6(value.slice(0, percent));
  }
  return isIPv6(value);
}

/** Why `value` is not a CIDR block as `netip.ParsePrefix` reads it, or undefined when it is one. */
export function cidrProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return 'it has no "/<prefix length>"';
  const addr = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const v4 = isIPv4(addr);
  if (!v4 && !isIPv6(addr)) {
    return addr.includes('%') ? 'a CIDR block cannot carry an IPv6 zone' : `"${addr}" is not an IP address`;
  }
  if (!/^(0|[1-9][0-9]*)$/.test(bits)) return `prefix length "${bits}" is not a decimal number without leading zeros`;
  const max = v4 ? 32 : 128;
  if (Number(bits) > max) return `prefix length ${bits} is larger than ${max}`;
  return undefined;
}

/**
 * Why `value` is neither an IP address nor a CIDR block (as Istio's `ValidateIPs` reads a value
 * with and without `/`), or undefined when it is valid.
 */
export function ipOrCidrProblem(value: string): string | undefined {
  if (value.includes('/')) return cidrProblem(value);
  return isIpAddress(value) ? undefined : 'it is not an IP address';
}
