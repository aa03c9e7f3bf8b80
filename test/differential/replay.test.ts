/**
 * Agreement with istioctl 1.30.3, replayed without Go or istioctl: lint runs on every recorded
 * input and is compared with istioctl's recorded verdicts (see docs/fidelity.md and
 * scripts/differential/). Today's disagreements are listed in known-disagreements.json; the
 * list may only shrink.
 */
import { CaseReplay, compare, Disagreement, disagreementId, excused, Figures, replayAll, TARGETS } from '../../scripts/differential/compare';
import { Case, readClusterVerdicts, readCorpus, readVerdicts, Verdict } from '../../scripts/differential/corpus';
import { classify, readKnown } from '../../scripts/differential/known';

jest.setTimeout(900_000);

let cases: Case[];
let verdicts: Verdict[];
let replays: CaseReplay[];
let figures: Figures;
let disagreements: Disagreement[];
let known: Set<string>;

beforeAll(async () => {
  cases = readCorpus();
  verdicts = readVerdicts();
  replays = await replayAll(cases);
  ({ figures, disagreements } = compare(verdicts, replays, readClusterVerdicts()));
  known = new Set(readKnown().disagreements.map(disagreementId));
});

const show = (ds: readonly Disagreement[]) => ds.slice(0, 25).map((d) => `${disagreementId(d)}  (lint: ${d.detail})`).join('\n');

describe('the recorded corpus', () => {
  test('holds at least 5,000 inputs, each with istioctl\'s verdict', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5000);
    expect(verdicts.map((v) => v.id)).toEqual(cases.map((c) => c.id));
  });

  test('has the cluster oracle\'s verdict, where recorded, on exactly the recorded inputs', () => {
    const cluster = readClusterVerdicts();
    if (cluster.length > 0) expect(cluster.map((v) => v.id)).toEqual(cases.map((c) => c.id));
  });

  test('represents every kind the library emits or lints', () => {
    const kinds = new Set(verdicts.flatMap((v) => v.objects.map((o) => o.kind)));
    for (const kind of [
      'VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup',
      'EnvoyFilter', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin',
      'ProxyConfig', 'Service', 'Deployment', 'Namespace', 'ServiceAccount', 'MutatingWebhookConfiguration', 'HTTPRoute',
    ]) {
      expect([...kinds]).toContain(kind);
    }
  });
});

describe('lint against istioctl', () => {
  test('shows no disagreement that is not in known-disagreements.json', () => {
    const fresh = disagreements.filter((d) => !known.has(disagreementId(d)));
    if (fresh.length > 0) {
      throw new Error(`${fresh.length} new disagreements with istioctl (first 25):\n${show(fresh)}\n`
        + 'Fix lint, or if the difference is deliberate, add it to test/differential/known-disagreements.json with its reason.');
    }
  });

  test('no longer shows a disagreement known-disagreements.json still lists (the list only shrinks)', () => {
    const current = new Set(disagreements.map(disagreementId));
    const fixed = [...known].filter((id) => !current.has(id));
    if (fixed.length > 0) {
      throw new Error(`${fixed.length} listed disagreements are fixed; remove them from test/differential/known-disagreements.json `
        + `(npx projen differential -- --replay-only --update-known). First 25:\n${fixed.slice(0, 25).join('\n')}`);
    }
  });

  test('meets the targets once the listed disagreements are excused', () => {
    const ex = excused(figures, disagreements, known);
    // Today's figures, for the log (docs/fidelity.md has them with the grouping).
    process.stdout.write(`differential figures: ${JSON.stringify(figures)}\n`);
    expect(ex.falseErrors).toBeLessThanOrEqual(TARGETS.falseErrors);
    expect(ex.rejectionsCaughtPercent).toBeGreaterThanOrEqual(TARGETS.rejectionsCaughtPercent);
    expect(ex.messagesMatchedPercent).toBeGreaterThanOrEqual(TARGETS.messagesMatchedPercent);
  });

  test('meets the rejection and message targets without excusing anything', () => {
    expect(figures.rejectionsCaughtPercent).toBeGreaterThanOrEqual(TARGETS.rejectionsCaughtPercent);
    expect(figures.messagesMatchedPercent).toBeGreaterThanOrEqual(TARGETS.messagesMatchedPercent);
  });

  test('has no false error outside the deliberate categories (schema, certain traffic failure, unsettled by any oracle)', () => {
    const deliberate = new Set(['crd-schema', 'traffic-fails', 'analyzer-skipped-on-files']);
    const toFix = disagreements.filter((d) => d.type === 'false-error' && !deliberate.has(classify(d)));
    expect(toFix.map((d) => `${d.case} ${d.object}: ${d.detail} (${classify(d)})`)).toEqual([]);
  });
});
