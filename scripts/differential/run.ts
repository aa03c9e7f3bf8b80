/**
 * `npx projen differential`: istioctl 1.30.3 as the oracle for lint.
 *
 *   ISTIOCTL=/path/to/istioctl npx projen differential [-- options]
 *
 * Generates the corpus (test/differential/corpus.jsonl.gz), records istioctl's verdicts
 * (verdicts.jsonl.gz), replays lint on it and writes test/differential/figures.json and
 * docs/fidelity.md.
 *
 * The analyzers `istioctl analyze --use-kube=false` skips (they need Pods, Secrets, … from a
 * cluster) have a second oracle: with `ISTIO_CLUSTER_ORACLE=/path/to/cluster-oracle` (a program
 * built from Istio's source outside this repository, see record.ts) their verdicts against an
 * in-memory cluster holding each case's objects are recorded too (cluster-verdicts.jsonl.gz).
 * Without it the recorded cluster verdicts are kept as long as the corpus is.
 *
 * Options:
 *   --replay-only     keep the recorded corpus and verdicts; no istioctl needed
 *   --record-cluster  keep the recorded corpus and istioctl verdicts, record the cluster
 *                     oracle's verdicts on them ($ISTIO_CLUSTER_ORACLE; no istioctl needed)
 *   --keep-corpus     record istioctl on the corpus already in test/differential/ instead of
 *                     generating it again
 *   --update-known    rewrite test/differential/known-disagreements.json to today's
 *                     disagreements (reviewed categories are kept)
 *   --istio-src DIR   Istio checkout whose samples/ and manifests/ YAML join the corpus
 *                     (default $ISTIO_SRC; without it the recorded sample cases are kept)
 *   --apps N          construct-built apps (default 330); for quick trials
 *   --istioctl-version V  the version to record when the binary reports none (a build from
 *                     source); default 1.30.3
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { compare, disagreementId, replayAll } from './compare';
import { CLUSTER_VERDICTS_FILE, CORPUS_FILE, FIGURES_FILE, materialize, readClusterVerdicts, readCorpus, readJsonLines, readVerdicts, StoredCase, VERDICTS_FILE, writeJsonLines } from './corpus';
import { DEFAULT_SIZE, generateCorpus } from './generate';
import { readKnown, updatedKnown, writeKnown } from './known';
import { recordClusterVerdicts, recordVerdicts } from './record';
import { FIDELITY_DOC, writeFidelityDoc, writeFigures } from './report';

const EXPECTED_VERSION = '1.30.3';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function istioctlVersion(bin: string): string {
  const out = execFileSync(bin, ['version', '--remote=false', '--short'], { encoding: 'utf8' }).trim();
  return out.split('\n').pop()!.replace(/^client version:\s*/, '').trim();
}

/** `$ISTIO_CLUSTER_ORACLE` if set and present; an error message when it is set but missing. */
function clusterOracle(): string | undefined {
  const bin = process.env.ISTIO_CLUSTER_ORACLE;
  if (bin && !fs.existsSync(bin)) throw new Error(`ISTIO_CLUSTER_ORACLE=${bin}: no such file`);
  return bin || undefined;
}

async function mainRun(args: string[]): Promise<number> {
  const recordClusterOnly = args.includes('--record-cluster');
  const replayOnly = args.includes('--replay-only') || recordClusterOnly;
  const oracle = clusterOracle();
  if (recordClusterOnly && !oracle) {
    process.stderr.write('differential: --record-cluster needs ISTIO_CLUSTER_ORACLE, the cluster oracle built from Istio\'s source.\n');
    return 2;
  }
  let version = 'unknown';
  if (!replayOnly) {
    const bin = process.env.ISTIOCTL;
    if (!bin) {
      process.stderr.write(
        'differential: set ISTIOCTL to an istioctl 1.30.3 binary (e.g. ISTIOCTL=/path/to/istioctl npx projen differential),\n'
        + 'or pass --replay-only to replay the recorded corpus without istioctl.\n',
      );
      return 2;
    }
    if (!fs.existsSync(bin)) {
      process.stderr.write(`differential: ISTIOCTL=${bin}: no such file.\n`);
      return 2;
    }
    version = istioctlVersion(bin);
    if (version === 'unknown' || version === '') {
      // A build from source without release flags reports no version: take the caller's word.
      version = option(args, '--istioctl-version') ?? EXPECTED_VERSION;
      process.stderr.write(`differential: istioctl reports no version (a build from source); recording it as ${version} (--istioctl-version to change).\n`);
    } else if (version !== EXPECTED_VERSION) {
      process.stderr.write(`differential: warning: istioctl reports version ${version}; the corpus is meant for ${EXPECTED_VERSION}.\n`);
    }
    const apps = Number(option(args, '--apps') ?? DEFAULT_SIZE.constructApps);
    const stored = args.includes('--keep-corpus')
      ? readJsonLines<StoredCase>(CORPUS_FILE)
      : generateCorpus({ ...DEFAULT_SIZE, constructApps: apps }, option(args, '--istio-src') ?? process.env.ISTIO_SRC);
    const cases = materialize(stored);
    writeJsonLines(CORPUS_FILE, stored);
    process.stderr.write(`differential: ${cases.length} cases generated\n`);
    const verdicts = await recordVerdicts(bin, cases, 2);
    writeJsonLines(VERDICTS_FILE, verdicts);
    if (oracle) {
      writeJsonLines(CLUSTER_VERDICTS_FILE, await recordClusterVerdicts(oracle, cases));
    } else if (!args.includes('--keep-corpus') && fs.existsSync(CLUSTER_VERDICTS_FILE)) {
      // A new corpus: the recorded cluster verdicts belong to the old one.
      fs.rmSync(CLUSTER_VERDICTS_FILE);
      process.stderr.write(`differential: the corpus was regenerated without ISTIO_CLUSTER_ORACLE; removed ${CLUSTER_VERDICTS_FILE}, which described the old corpus.\n`);
    }
  } else {
    version = fs.existsSync(FIGURES_FILE)
      ? JSON.parse(fs.readFileSync(FIGURES_FILE, 'utf8')).istioctl ?? EXPECTED_VERSION
      : option(args, '--istioctl-version') ?? EXPECTED_VERSION;
  }

  const cases = readCorpus();
  const verdicts = readVerdicts();
  if (recordClusterOnly) {
    writeJsonLines(CLUSTER_VERDICTS_FILE, await recordClusterVerdicts(oracle!, cases));
  }
  const clusterVerdicts = readClusterVerdicts();
  const started = Date.now();
  const replays = await replayAll(cases);
  process.stderr.write(`differential: lint replayed ${cases.length} cases in ${Math.round((Date.now() - started) / 1000)}s\n`);
  const { figures, disagreements } = compare(verdicts, replays, clusterVerdicts);

  let known = readKnown();
  if (args.includes('--update-known') || known.disagreements.length === 0) {
    known = updatedKnown(known, disagreements);
    writeKnown(known);
  }
  const knownIds = new Set(known.disagreements.map(disagreementId));
  const category = new Map(known.disagreements.map((d) => [disagreementId(d), d.category]));
  const withCategories = disagreements.map((d) => ({ ...d, category: category.get(disagreementId(d)) }));

  const input = { cases, verdicts, clusterVerdicts, replays, figures, disagreements: withCategories, known: knownIds, istioctlVersion: version };
  writeFigures(input);
  writeFidelityDoc(input);
  const fresh = disagreements.filter((d) => !knownIds.has(disagreementId(d)));
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`differential: ${disagreements.length} disagreements (${fresh.length} not in the known list); wrote ${FIGURES_FILE} and ${FIDELITY_DOC}\n`);
  return 0;
}

mainRun(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (e) => {
  process.stderr.write(`differential: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
