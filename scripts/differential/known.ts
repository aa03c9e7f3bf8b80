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
  'crd-schema': 'lint reports an error from the CRD schema or CEL rules (schema-* rules, metadata): the API server rejects such an object (whatever else lint says about it), but istioctl validate does not check the CRD schema. Deliberate, to verify against the CRDs',
  'analyzer-skipped-on-files': 'lint reports an error from a rule whose istioctl analyzer does not run on local files (istioctl analyze --use-kube=false skips it; see scripts/differential/skipped-analyzers.ts), on a case without a cluster verdict: not settled',
  'cluster-analyzer-silent': 'lint reports an error from a rule whose istioctl analyzer does not run on local files, and that analyzer, run against an in-memory cluster holding the case\'s objects (the cluster oracle), does not report it: a false error to fix, or to explain',
  'traffic-fails': 'lint reports an error on an object Istio accepts because the traffic it configures certainly fails: a DestinationRule TLS mode that the server side refuses (DISABLE or SIMPLE toward STRICT, ISTIO_MUTUAL toward mTLS DISABLE or no sidecar) on a route in use (destinationrule-mtls-conflict; istioctl no longer runs its IST0113 analyzer), or an HTTPRoute backend port the Service does not declare (httproute-backend-port-not-found: Istio cannot resolve the backend and answers 500). Deliberate; the reason is in the rule\'s docs',
  'lint-stricter': 'lint reports an error on an object Istio accepts (validate accepts it, analyze has no Error): a false error to fix, or to lower to a warning',
  'webhook-check-missing': 'istioctl validate rejects the object and lint reports nothing on it: the webhook check is missing in lint',
  'webhook-check-as-warning': 'istioctl validate rejects the object and lint only warns: the severity must be error',
  'istioctl-service-convention': 'istioctl validate rejects a Service for istioctl\'s own port-naming convention (an unnamed port, a name or appProtocol that is no Istio protocol; "This is not recommended"), which neither the API server nor Istio\'s webhook enforces and traffic survives (protocol sniffing): lint reports it as istioctl analyze does, IST0118 at info. Deliberate',
  'analyzer-missing': 'istioctl analyze reports the code on the object and lint reports nothing there',
  'analyzer-other-code': 'lint reports on the object, but not under istioctl\'s code (another rule, or a rule without the code)',
  'lint-input-failure': 'lint could not read the input (exit 2) where istioctl could',
};

/**
 * Rules kept as errors on objects Istio accepts because the traffic certainly fails (the reason
 * is in each rule's docs).
 */
export const TRAFFIC_FAILS_RULES: ReadonlySet<string> = new Set(['destinationrule-mtls-conflict', 'httproute-backend-port-not-found']);

/** The category a new disagreement gets before review. */
export function classify(d: Disagreement): string {
  if (d.detail === 'lint could not read the input') return 'lint-input-failure';
  switch (d.type) {
    case 'false-error': {
      const rules = d.detail.split(', ');
      // A schema error alone means the API server rejects the object.
      if (rules.some((rule) => rule.startsWith('schema-'))) return 'crd-schema';
      if (onlySkippedAnalyzers(rules)) return d.oracle === 'cluster' ? 'cluster-analyzer-silent' : 'analyzer-skipped-on-files';
      // A certain traffic failure, possibly next to analyzers istioctl skips on files.
      const rest = rules.filter((rule) => !TRAFFIC_FAILS_RULES.has(rule));
      const fails = rest.length < rules.length && (rest.length === 0 || onlySkippedAnalyzers(rest));
      return fails ? 'traffic-fails' : 'lint-stricter';
    }
    case 'missed-rejection':
      // istioctl validate checks nothing on a Service but its port-naming convention.
      if (d.object.startsWith('Service ')) return 'istioctl-service-convention';
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
  const automatic = new Set(['lint-stricter', 'crd-schema', 'traffic-fails', 'webhook-check-missing', 'webhook-check-as-warning', 'istioctl-service-convention', 'analyzer-skipped-on-files', 'cluster-analyzer-silent']);
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
