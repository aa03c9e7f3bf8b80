import { isIP } from 'net';
import { Duration } from 'cdk8s';

/*
 * Early checks shared by the security constructs. They only reject props that are
 * unambiguously wrong; everything that can be judged on the emitted manifests is left to the
 * analysis engine.
 */

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether `value` is a DNS-1123 subdomain (what Kubernetes requires of object names). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** Throws when `value` is not a port number (a whole number from 1 to 65535). */
export function checkPort(where: string, prop: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${where}: ${prop} is ${value}; a port is a whole number from 1 to 65535.`);
  }
}

/** Throws when one of `values` is an empty (or blank) string. */
export function checkNoEmptyStrings(where: string, prop: string, values: string[] | undefined): void {
  (values ?? []).forEach((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') {
      throw new Error(`${where}: ${prop}[${i}] is ${JSON.stringify(v)}; write a non-empty value or leave the entry out.`);
    }
  });
}

/** Whether `value` is an IP address or a CIDR range (IPv4 or IPv6) with a valid prefix length. */
export function isIpOrCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash < 0) return true;
  const bits = value.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Throws when one of `values` is not an IP address or CIDR range. */
export function checkIpBlocks(where: string, prop: string, values: string[] | undefined): void {
  (values ?? []).forEach((v, i) => {
    if (typeof v !== 'string' || !isIpOrCidr(v)) {
      throw new Error(`${where}: ${prop}[${i}] is ${JSON.stringify(v)}, which is neither an IP address nor a CIDR range; write e.g. '10.0.0.0/16' or '2001:db8::/32'.`);
    }
  });
}

/** An Istio duration string (`5s`, `1500ms`) for a cdk8s Duration of at least 1 ms. */
export function istioDuration(where: string, prop: string, d: Duration): string {
  const ms = d.toMilliseconds();
  if (!Number.isInteger(ms) || ms < 1) {
    throw new Error(`${where}: ${prop} is ${ms} ms; Istio needs a duration of at least 1 ms, e.g. Duration.seconds(5).`);
  }
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Returns `list` when it has entries, else undefined (so empty lists are not emitted). */
export function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list !== undefined && list.length > 0 ? list : undefined;
}

/** Drops keys whose value is undefined. */
export function compact(obj: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
