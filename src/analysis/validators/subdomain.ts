/**
 * The DNS-1123 subdomain predicate (Kubernetes object names such as service accounts, label-key
 * prefixes), written once for the analysis. It belongs in `names.ts` next to the label
 * predicates; it lives here until the constructs' copy (`src/security/checks.ts`) moves there too.
 */

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether `value` is a DNS-1123 subdomain: at most 253 characters of dot-separated lower-case labels. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}
