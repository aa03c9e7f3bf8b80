import { isLabelKey, isLabelValue } from '../../validators/names';

/** A DNS-1123 label as Istio's `labels.IsDNS1123Label` reads it (letters of either case). */
const ISTIO_DNS_LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/;

export function isIstioDnsLabel(value: string): boolean {
  return value.length > 0 && value.length <= 63 && ISTIO_DNS_LABEL.test(value);
}

/**
 * Why `domain` is not a domain name as Istio's `ValidateWildcardDomain` reads it (at most 255
 * characters, DNS labels, a `*` or `*prefix` first label allowed, a top-level label that is not all
 * digits, an optional trailing dot), or undefined when it is one.
 */
export function wildcardDomainProblem(domain: string): string | undefined {
  if (domain.length === 0) return 'it is empty';
  if (domain.length > 255) return 'it is longer than 255 characters';
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  const firstOk = first === '*' || (first.startsWith('*') ? isIstioDnsLabel(`x${first.slice(1)}`) : isIstioDnsLabel(first));
  if (!firstOk) return `label "${first}" is not a DNS label (letters, digits and "-"; a "*" only at the start of the first label)`;
  if (dot < 0) return undefined;
  const rest = domain.slice(dot + 1).split('.');
  const top = rest[rest.length - 1] === '' && rest.length > 1 ? rest[rest.length - 2] : rest[rest.length - 1];
  for (let i = 0; i < rest.length; i++) {
    if (i === rest.length - 1 && rest[i] === '') break;
    if (!isIstioDnsLabel(rest[i])) return `label "${rest[i]}" is not a DNS label (letters, digits and "-")`;
  }
  if (/^[0-9]+$/.test(top)) return `the top-level label "${top}" is all digits`;
  return undefined;
}

/** Why a map of labels is not valid Kubernetes labels (Istio's `labels.Instance.Validate`), or undefined. */
export function labelsProblem(labels: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries(labels)) {
    if (!isLabelKey(k)) return `"${k}" is not a valid label key`;
    if (typeof v !== 'string' || !isLabelValue(v)) return `the value of "${k}" is not a valid label value`;
  }
  return undefined;
}

/**
 * Problems of an `exportTo` list as Istio's `validateExportTo` finds them: entries that are not
 * `.`, `*`, `~` or a namespace name, duplicates (also `.` next to the own namespace), `*` or `~`
 * next to other entries.
 */
export function exportToProblems(exportTo: unknown[], namespace: string): Array<{ index: number; problem: string }> {
  const out: Array<{ index: number; problem: string }> = [];
  const seen = new Set<string>();
  exportTo.forEach((e, index) => {
    if (typeof e !== 'string') return;
    const key = e === '.' ? namespace : e;
    if (seen.has(key)) {
      out.push({ index, problem: key !== e ? `"." repeats the own namespace ${namespace}` : `"${e}" is listed twice` });
      return;
    }
    if (e !== '.' && e !== '*' && e !== '~' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(e)) {
      out.push({ index, problem: `"${e}" is not ".", "*", "~" or a namespace name` });
      return;
    }
    seen.add(key);
  });
  const strings = exportTo.filter((e): e is string => typeof e === 'string');
  if (strings.length > 1 && strings.includes('*')) out.push({ index: strings.indexOf('*'), problem: '"*" (everyone) cannot be combined with other entries' });
  if (strings.length > 1 && strings.includes('~')) out.push({ index: strings.indexOf('~'), problem: '"~" (no one) cannot be combined with other entries' });
  return out;
}
