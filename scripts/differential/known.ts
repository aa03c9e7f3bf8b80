/** The reviewed list of disagreements lint has today (test/differential/known-disagreements.json). */
import * as fs from 'fs';
import { Disagreement, disagreementId } from './compare';
import { KNOWN_FILE } from './corpus';
import { onlySkippedAnalyzers } from './skipped-analyzers';

export interface KnownList {
  readonly comment: string;
  readonly disagreements: Disagreement[];
}

/** Short reason categories, explained in docs/fidelity.md. */
export const CATEGORIES: Record<string, string> = {
  'crd-schema': 'lint reports an error from the CRD schema or CEL rules (schema-* rules, metadata): the API server rejects such an object, but istioctl validate does not check the CRD schema. Deliberate, to verify against the CRDs',
  'analyzer-skipped-on-files': 'lint reports an error from a rule whose istioctl analyzer does not run on local files (istioctl analyze --use-kube=false skips it; see scripts/differential/skipped-analyzers.ts), on a case without a cluster verdict: not settled',
  'cluster-analyzer-silent': 'lint reports an error from a rule whose istioctl analyzer does not run on local files, and that analyzer, run against an in-memory cluster holding the case\'s objects (the cluster oracle), does not report it: a false error to fix, or to explain',
  'lint-stricter': 'lint reports an error on an object Istio accepts (validate accepts it, analyze has no Error): a false error to fix, or to lower to a warning',
  'webhook-check-missing': 'istioctl validate rejects the object and lint reports nothing on it: the webhook check is missing in lint',
  'webhook-check-as-warning': 'istioctl validate rejects the object and lint only warns: the severity must be error',
  'analyzer-missing': 'istioctl analyze reports the code on the object and lint reports nothing there',
  'analyzer-other-code': 'lint reports on the object, but not under istioctl\'s code (another rule, or a rule without the code)',
  'lint-input-failure': 'lint could not read the input (exit 2) where istioctl could',
};

/** The category a new disagreement gets before review. */
export function classify(d: Disagreement): string {
  if (d.detail === 'lint could not read the input') return 'lint-input-failure';
  switch (d.type) {
    case 'false-error':
      if (d.detail.split(', ').every((rule) => rule.startsWith('schema-'))) return 'crd-schema';
      if (!onlySkippedAnalyzers(d.detail.split(', '))) return 'lint-stricter';
      return d.oracle === 'cluster' ? 'cluster-analyzer-silent' : 'analyzer-skipped-on-files';
    case 'missed-rejection':
      return d.detail === 'nothing' ? 'webhook-check-missing' : 'webhook-check-as-warning';
    default:
      return d.detail === 'nothing' ? 'analyzer-missing' : 'analyzer-other-code';
  }
}

export function readKnown(file = KNOWN_FILE): KnownList {
  if (!fs.existsSync(file)) return { comment: '', disagreements: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KnownList;
}

/**
 * The list for today's disagreements: entries still present keep their (reviewed) category,
 * new ones get {@link classify}'s, fixed ones are dropped.
 */
export function updatedKnown(previous: KnownList, current: readonly Disagreement[]): KnownList {
  const before = new Map(previous.disagreements.map((d) => [disagreementId(d), d]));
  const automatic = new Set(['lint-stricter', 'crd-schema', 'analyzer-skipped-on-files', 'cluster-analyzer-silent']);
  const disagreements = current.map((d) => {
    const kept = before.get(disagreementId(d))?.category;
    // An automatic category is worked out again (the classification may have learnt more); a reviewed one stays.
    return { ...d, category: kept !== undefined && !automatic.has(kept) ? kept : classify(d) };
  });
  disagreements.sort((a, b) => disagreementId(a).localeCompare(disagreementId(b)));
  return {
    comment: 'Disagreements between cdk8s-istio lint and istioctl 1.30.3 on the differential corpus, as of the last recording. '
      + 'The replay test fails on any disagreement not listed here and on any listed one that no longer happens, so this list only shrinks. '
      + 'Regenerate with `npx projen differential -- --replay-only --update-known` after fixing the engine; categories are explained in docs/fidelity.md.',
    disagreements,
  };
}

export function writeKnown(list: KnownList, file = KNOWN_FILE): void {
  // One disagreement a line: reviewable in a diff, and a third of the indented size.
  const rows = list.disagreements.map((d) => `  ${JSON.stringify(d)}`).join(',\n');
  fs.writeFileSync(file, `{\n "comment": ${JSON.stringify(list.comment)},\n "disagreements": [\n${rows}\n ]\n}\n`);
}
