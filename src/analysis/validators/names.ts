const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: what Kubernetes requires of most names and Istio of subset names. */
export function isDns1123Label(value: string): boolean {
  return value.length > 0 && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** Turns an arbitrary string into the closest DNS-1123 label (for suggestions and derived names). */
export function toDns1123Label(value: string): string {
  const label = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return label === '' ? 'x' : label;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A DNS-1123 subdomain: dot-separated DNS-1123 labels, at most 253 characters. Kubernetes
 * requires it of most object names (and of service account names, which Istio puts in SPIFFE
 * identities).
 */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Whether `key` is a valid Kubernetes label key (optional DNS prefix, `/`, name of at most 63 chars). */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
}

/** Whether `value` is a valid Kubernetes label value (empty allowed, at most 63 chars). */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/**
 * What is wrong with a namespace name, for a message (`<prop> <problem>; <fix>`), or undefined
 * when Kubernetes accepts it. An empty namespace is a problem of its own: written out as
 * `namespace: ""`, kubectl puts the object in its current namespace.
 */
export function namespaceNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `is ${JSON.stringify(value) ?? String(value)}, not a namespace name`;
  if (value === '') return 'is empty, which kubectl reads as its current namespace';
  if (!isDns1123Label(value)) {
    return `is '${value}', not a valid namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit)`;
  }
  return undefined;
}

/** The fix for a namespace name `namespaceNameProblem` refuses. */
export function namespaceNameFix(value: unknown): string {
  const suggestion = typeof value === 'string' && value !== '' ? toDns1123Label(value) : 'shop';
  return `write a namespace name such as '${suggestion}', or leave the prop out for the default`;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1035 label: what Kubernetes requires of Service names (a DNS-1123 label starting with a letter). */
export function isDns1035Label(value: string): boolean {
  return value.length > 0 && value.length <= 63 && DNS1035_LABEL.test(value);
}
