import { wildcardDomainFault } from './hosts';
import { isLabelKey, isLabelValue } from './names';

/**
 * Why `domain` is not a domain name as Istio's `ValidateWildcardDomain` reads it, in the wording
 * of the VirtualService and DestinationRule rules; the verdict is {@link wildcardDomainFault}'s.
 */
export function wildcardDomainProblem(domain: string): string | undefined {
  const fault = wildcardDomainFault(domain);
  if (!fault) return undefined;
  switch (fault.kind) {
    case 'empty': return 'it is empty';
    case 'too-long': return 'it is longer than 255 characters';
    case 'first-label': return `label "${fault.label}" is not a DNS label (letters, digits and "-"; a "*" only at the start of the first label)`;
    case 'label': return `label "${fault.label}" is not a DNS label (letters, digits and "-")`;
    case 'numeric-tld': return `the top-level label "${fault.label}" is all digits`;
  }
}

/** Why a map of labels is not valid Kubernetes labels (Istio's `labels.Instance.Validate`), or undefined. */
export function labelsProblem(labels: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries(labels)) {
    if (!isLabelKey(k)) return `"${k}" is not a valid label key`;
    if (typeof v !== 'string' || !isLabelValue(v)) return `the value of "${k}" is not a valid label value`;
  }
  return undefined;
}

/** A namespace name: a DNS-1123 label. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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
    if (e !== '.' && e !== '*' && e !== '~' && !NAMESPACE_NAME.test(e)) {
      out.push({ index, problem: `"${e}" is not ".", "*", "~" or a namespace name` });
      return;
    }
    // Istio validates "." as the namespace it stands for.
    if (e === '.' && !NAMESPACE_NAME.test(namespace)) {
      out.push({ index, problem: `"." stands for the namespace "${namespace}", which is not a namespace name` });
      return;
    }
    seen.add(key);
  });
  const strings = exportTo.filter((e): e is string => typeof e === 'string');
  if (strings.length > 1 && strings.includes('*')) out.push({ index: strings.indexOf('*'), problem: '"*" (everyone) cannot be combined with other entries' });
  if (strings.length > 1 && strings.includes('~')) out.push({ index: strings.indexOf('~'), problem: '"~" (no one) cannot be combined with other entries' });
  return out;
}
