/**
 * Replays `cdk8s-istio lint` over the recorded cases (in this process, through the command
 * line's programmatic entry point) and compares with istioctl's verdicts:
 *
 * 1. false errors: objects istioctl validate accepts and istioctl analyze reports no Error for,
 *    on which lint reports an error;
 * 2. rejections caught: objects istioctl validate rejects on which lint reports an error;
 * 3. messages matched: istioctl analyze messages that lint reports with the same IST code on the
 *    same object (kind + namespace/name).
 *
 * For the rules whose analyzer `istioctl analyze --use-kube=false` skips (skipped-analyzers.ts),
 * the second oracle decides where it has a verdict on the case: that analyzer, run against an
 * in-memory cluster holding the case's objects. Only its messages of the codes those rules
 * check are used: a lint error from such a rule is agreement when the analyzer reports the
 * rule's code as an Error on the same object, and a false error when it does not; each such
 * message is counted in a figure of its own (clusterMessages), apart from istioctl analyze's
 * messages on the files.
 *
 * istioctl validate's only check of a Service is its own port-naming convention, which neither
 * the API server nor Istio's webhook enforces; the Services it rejects are counted apart from the
 * other rejections (serviceConventionRejected), and lint reports the convention at info (IST0118).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Case, ClusterVerdict, objectKey, ObjectRef, Verdict } from './corpus';
import { CLUSTER_SCOPED_KINDS } from './objects';
import { ANALYZER_SKIPPED_ON_FILES, SETTLED_BY_CLUSTER } from './skipped-analyzers';
import { LINT_USAGE, main } from '../../src/cli/main';

export type DisagreementType = 'false-error' | 'missed-rejection' | 'missed-message';

/** One place where lint and istioctl disagree. Identity: case + type + object (+ code). */
export interface Disagreement {
  readonly case: string;
  readonly type: DisagreementType;
  /** `Kind namespace/name`. */
  readonly object: string;
  /** For missed messages, istioctl's code; otherwise absent. */
  readonly code?: string;
  /** What lint said instead: the rule ids of its errors, or the codes it reported. */
  readonly detail: string;
  /** Why (a short category, see docs/fidelity.md); assigned when the list is updated. */
  readonly category?: string;
  /**
   * `cluster` when the cluster oracle (Istio's analyzers against an in-memory cluster) decided
   * it: a missed message it reported, or a false error from rules whose analyzer it ran.
   */
  readonly oracle?: 'cluster';
}

export function disagreementId(d: Pick<Disagreement, 'case' | 'type' | 'object' | 'code'>): string {
  return [d.case, d.type, d.object, d.code ?? ''].join('|');
}

export interface Figures {
  readonly cases: number;
  readonly objects: number;
  /** Objects both istioctl commands accept (no validate error, no analyze Error). */
  readonly acceptedObjects: number;
  readonly falseErrors: number;
  /** Objects istioctl validate rejects, but for the Services it rejects for its own port-naming convention (below). */
  readonly rejectedObjects: number;
  readonly rejectionsCaught: number;
  /**
   * Services istioctl validate rejects: its only Service check is its port-naming convention
   * (an unnamed port, a name or appProtocol that is no Istio protocol), which neither the API
   * server nor Istio's webhook enforces. Counted apart from the rejections above.
   */
  readonly serviceConventionRejected: number;
  /** Of those, the ones lint reports an error on (for another reason: lint reports the convention at info, as analyze does). */
  readonly serviceConventionCaught: number;
  /** Percentage, two decimals. */
  readonly rejectionsCaughtPercent: number;
  readonly analyzeMessages: number;
  readonly messagesMatched: number;
  readonly messagesMatchedPercent: number;
  /** Cases lint could not read (exit 2): their objects count as missed. */
  readonly lintInputFailures: number;
  /** Cases with a verdict of the cluster oracle (the analyzers skipped on files, run against an in-memory cluster). */
  readonly clusterCases: number;
  /** Lint errors (object + rule) from rules whose analyzer is skipped on files, on cases with a cluster verdict. */
  readonly clusterJudgedErrors: number;
  /** Of those, the ones the cluster oracle reports with the rule's code as an Error on the same object. */
  readonly clusterConfirmedErrors: number;
  /** The cluster oracle's messages of the checks those rules make (not counted among analyzeMessages, which are istioctl analyze's on the files). */
  readonly clusterMessages: number;
  readonly clusterMessagesMatched: number;
}

/** A lint diagnostic reduced to what the comparison needs. */
export interface LintFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly istioCode?: string;
  readonly object: string;
}

export interface CaseReplay {
  readonly id: string;
  readonly findings: LintFinding[];
  /** lint exited 2: the input could not be read. */
  readonly inputFailure: boolean;
}

interface Sink {
  text: string;
  write(chunk: string): boolean;
}
const sink = (): Sink => ({ text: '', write(chunk: string) { this.text += chunk; return true; } });

/** lint's options for a case: mesh config when lint understands it, else its root namespace. */
function meshOptions(c: Case, tmp: string): string[] {
  if (!c.meshConfig) return [];
  if (LINT_USAGE.includes('--mesh-config')) {
    const file = path.join(tmp, `${c.id}.meshconfig.yaml`);
    fs.writeFileSync(file, c.meshConfig);
    return ['--mesh-config', file];
  }
  const root = /^rootNamespace:\s*(\S+)/m.exec(c.meshConfig);
  return root && LINT_USAGE.includes('--root-namespace') ? ['--root-namespace', root[1]] : [];
}

/** Runs lint on one case (its files given in order, as istioctl reads them). */
export async function lintCase(c: Case, tmp: string): Promise<CaseReplay> {
  const dir = path.join(tmp, c.id);
  fs.mkdirSync(dir, { recursive: true });
  const files = c.files.map((f, i) => {
    const p = path.join(dir, `${String(i).padStart(2, '0')}-${f.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.(ya?ml|json)$/, '')}.yaml`);
    fs.writeFileSync(p, f.content);
    return p;
  });
  const stdout = sink();
  const stderr = sink();
  const code = await main(['lint', '--format', 'json', ...meshOptions(c, tmp), ...files], { stdout, stderr, stdin: '', cwd: dir });
  fs.rmSync(dir, { recursive: true, force: true });
  if (code === 2) return { id: c.id, findings: [], inputFailure: true };
  const report = JSON.parse(stdout.text) as { diagnostics: Array<{ ruleId: string; severity: string; istioCode: string | null; resource: { kind: string; namespace: string | null; name: string } }> };
  const findings = report.diagnostics.map((d) => {
    const kind = d.resource.kind;
    const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? '' : d.resource.namespace || 'default';
    return {
      ruleId: d.ruleId,
      severity: d.severity,
      ...(d.istioCode ? { istioCode: d.istioCode } : {}),
      object: objectKey({ kind, namespace, name: d.resource.name }),
    };
  });
  return { id: c.id, findings, inputFailure: false };
}

/** Runs lint on every case. */
export async function replayAll(cases: readonly Case[]): Promise<CaseReplay[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-replay-'));
  try {
    const out: CaseReplay[] = [];
    for (const c of cases) out.push(await lintCase(c, tmp));
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const pct = (n: number, d: number) => (d === 0 ? 100 : Math.floor((n / d) * 10000) / 100);

/**
 * The three figures and every disagreement. `clusterVerdicts` (the second oracle's, by case;
 * may be empty) settle the rules whose istioctl analyzer does not run on files.
 */
export function compare(verdicts: readonly Verdict[], replays: readonly CaseReplay[], clusterVerdicts: readonly ClusterVerdict[] = []): { figures: Figures; disagreements: Disagreement[] } {
  const byId = new Map(replays.map((r) => [r.id, r]));
  const clusterById = new Map(clusterVerdicts.filter((c) => !c.failed).map((c) => [c.id, c]));
  let clusterCases = 0;
  let clusterJudged = 0;
  let clusterConfirmed = 0;
  let clusterMessages = 0;
  let clusterMatched = 0;
  let serviceConventionRejected = 0;
  let serviceConventionCaught = 0;
  const disagreements: Disagreement[] = [];
  let objects = 0;
  let accepted = 0;
  let falseErrors = 0;
  let rejected = 0;
  let caught = 0;
  let messages = 0;
  let matched = 0;
  let inputFailures = 0;

  for (const v of verdicts) {
    const replay = byId.get(v.id);
    if (!replay) throw new Error(`differential: no lint replay for case ${v.id}`);
    if (replay.inputFailure) inputFailures++;
    const errorsOn = new Map<string, string[]>();
    const codesOn = new Map<string, Set<string>>();
    for (const f of replay.findings) {
      if (f.severity === 'error') errorsOn.set(f.object, [...(errorsOn.get(f.object) ?? []), f.ruleId]);
      if (f.istioCode) codesOn.set(f.object, (codesOn.get(f.object) ?? new Set()).add(f.istioCode));
    }
    const analyzeErrorOn = new Set(v.analyze.filter((m) => m.level === 'Error').map((m) => objectKey(m)));

    // The cluster oracle's messages of the checks the skipped-analyzer rules make (undefined: no verdict).
    const cluster = clusterById.get(v.id);
    const settled = cluster?.analyze.filter((m) => SETTLED_BY_CLUSTER.has(`${m.analyzer}|${m.code}`));
    const clusterErrors = new Set((settled ?? []).filter((m) => m.level === 'Error').map((m) => `${m.analyzer}|${m.code}|${objectKey(m)}`));
    if (settled) {
      clusterCases++;
      for (const m of settled) if (m.level === 'Error') analyzeErrorOn.add(objectKey(m));
      for (const [key, rules] of errorsOn) {
        for (const rule of new Set(rules)) {
          const check = ANALYZER_SKIPPED_ON_FILES[rule];
          if (!check) continue;
          clusterJudged++;
          if (clusterErrors.has(`${check.analyzer}|${check.code}|${key}`)) clusterConfirmed++;
        }
      }
    }

    // One verdict per object key (istioctl keeps one object per kind + namespace/name).
    const state = new Map<string, string>();
    for (const o of v.objects) {
      const key = objectKey(o);
      const prev = state.get(key);
      state.set(key, prev === 'rejected' || o.validate === 'rejected' ? 'rejected' : prev === 'unchecked' || o.validate === 'unchecked' ? 'unchecked' : 'accepted');
    }
    for (const [key, s] of state) {
      if (s === 'unchecked') continue;
      objects++;
      const lintErrors = errorsOn.get(key);
      if (s === 'accepted' && !v.analyzeFailed && !analyzeErrorOn.has(key)) {
        accepted++;
        if (lintErrors) {
          falseErrors++;
          const judged = settled !== undefined && lintErrors.some((rule) => rule in ANALYZER_SKIPPED_ON_FILES);
          disagreements.push({ case: v.id, type: 'false-error', object: key, detail: [...new Set(lintErrors)].sort().join(', '), ...(judged ? { oracle: 'cluster' as const } : {}) });
        }
      }
      if (s === 'rejected' && key.startsWith('Service ')) {
        serviceConventionRejected++;
        if (lintErrors) serviceConventionCaught++;
        else disagreements.push({ case: v.id, type: 'missed-rejection', object: key, detail: replay.inputFailure ? 'lint could not read the input' : describeOther(replay.findings, key) });
      } else if (s === 'rejected') {
        rejected++;
        if (lintErrors) caught++;
        else disagreements.push({ case: v.id, type: 'missed-rejection', object: key, detail: replay.inputFailure ? 'lint could not read the input' : describeOther(replay.findings, key) });
      }
    }

    const seen = new Set<string>();
    for (const m of v.analyze) {
      const key = objectKey(m as ObjectRef);
      const id = `${m.code}|${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      messages++;
      if (codesOn.get(key)?.has(m.code)) matched++;
      else disagreements.push({ case: v.id, type: 'missed-message', object: key, code: m.code, detail: replay.inputFailure ? 'lint could not read the input' : describeOther(replay.findings, key) });
    }
    for (const m of settled ?? []) {
      const key = objectKey(m);
      const id = `${m.code}|${key}`;
      // istioctl on files already reported the code on the object: one message, counted once.
      if (seen.has(id)) continue;
      seen.add(id);
      clusterMessages++;
      if (codesOn.get(key)?.has(m.code)) {
        clusterMatched++;
      } else {
        disagreements.push({ case: v.id, type: 'missed-message', object: key, code: m.code, detail: replay.inputFailure ? 'lint could not read the input' : describeOther(replay.findings, key), oracle: 'cluster' });
      }
    }
  }

  return {
    figures: {
      cases: verdicts.length,
      objects,
      acceptedObjects: accepted,
      falseErrors,
      rejectedObjects: rejected,
      rejectionsCaught: caught,
      rejectionsCaughtPercent: pct(caught, rejected),
      serviceConventionRejected,
      serviceConventionCaught,
      analyzeMessages: messages,
      messagesMatched: matched,
      messagesMatchedPercent: pct(matched, messages),
      lintInputFailures: inputFailures,
      clusterCases,
      clusterJudgedErrors: clusterJudged,
      clusterConfirmedErrors: clusterConfirmed,
      clusterMessages,
      clusterMessagesMatched: clusterMatched,
    },
    disagreements,
  };
}

/** What lint reported on the object instead (rule ids with severity), or `nothing`. */
function describeOther(findings: readonly LintFinding[], key: string): string {
  const on = findings.filter((f) => f.object === key).map((f) => `${f.ruleId}${f.istioCode ? `[${f.istioCode}]` : ''}:${f.severity}`);
  return on.length > 0 ? [...new Set(on)].sort().join(', ') : 'nothing';
}

/** Figures after excusing the listed disagreements (what the targets are asserted on). */
export function excused(figures: Figures, current: readonly Disagreement[], known: ReadonlySet<string>): { falseErrors: number; rejectionsCaughtPercent: number; messagesMatchedPercent: number } {
  const isKnown = (d: Disagreement) => known.has(disagreementId(d));
  const count = (t: DisagreementType, counted: (d: Disagreement) => boolean = () => true) =>
    current.filter((d) => d.type === t && isKnown(d) && counted(d)).length;
  return {
    falseErrors: figures.falseErrors - count('false-error'),
    // The Services of istioctl's naming convention and the cluster oracle's messages have figures of their own.
    rejectionsCaughtPercent: pct(figures.rejectionsCaught + count('missed-rejection', (d) => !d.object.startsWith('Service ')), figures.rejectedObjects),
    messagesMatchedPercent: pct(figures.messagesMatched + count('missed-message', (d) => d.oracle !== 'cluster'), figures.analyzeMessages),
  };
}

export const TARGETS = { falseErrors: 0, rejectionsCaughtPercent: 99, messagesMatchedPercent: 95 };
