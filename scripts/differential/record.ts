/**
 * Runs istioctl on every case and keeps its verdicts without its prose:
 *
 * - `istioctl validate -f FILE...` (the validation webhook's checks, offline), many cases per
 *   process: a separator file between two cases holds an object that validate always rejects, so
 *   the errors (printed in file order, each prefixed `Kind/namespace/name:`) can be attributed to
 *   their case;
 * - `istioctl analyze --use-kube=false --all-namespaces -o json FILE...` once per case, because
 *   analyze treats every file it is given as one cluster; `--meshConfigFile` when the case has
 *   a mesh config;
 * - optionally, a second oracle for the analyzers `--use-kube=false` skips: a program built from
 *   Istio's source (outside this repository; `$ISTIO_CLUSTER_ORACLE`) that runs istioctl's
 *   analyzers against an in-memory Kubernetes cluster (Istio's fake kube client) holding the
 *   case's Namespaces (also those its objects imply), Services, Secrets and Pods, one Pod per
 *   workload template, and the ingress and egress gateway workloads of an Istio install, with
 *   the case's files added the way `istioctl analyze FILE...` adds them to a live cluster.
 */
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnalyzeMessage, Case, ClusterMessage, ClusterVerdict, ObjectVerdict, Verdict } from './corpus';
import { parseCaseObjects } from './objects';
import { ANALYZERS_SKIPPED_ON_FILES } from './skipped-analyzers';

const SEPARATOR_NS = 'differential-separator';
const VALIDATE_BATCH = 150;

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(bin: string, args: string[], timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(bin, args, { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, env: { ...process.env, TERM: 'dumb' } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as any).code === 'number' ? (err as any).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Runs `tasks` with at most `parallel` at a time, reporting progress. */
async function pool<T>(tasks: Array<() => Promise<T>>, parallel: number, label: string): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
      done++;
      if (done % 250 === 0 || done === tasks.length) {
        process.stderr.write(`differential: ${label} ${done}/${tasks.length} (${Math.round((Date.now() - started) / 1000)}s)\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/** Writes each case's files (and mesh config) under `dir/<id>/`; returns their paths. */
export function writeCase(dir: string, c: Case): { files: string[]; meshConfig?: string } {
  const caseDir = path.join(dir, c.id);
  fs.mkdirSync(caseDir, { recursive: true });
  const files = c.files.map((f, i) => {
    // istioctl reads only .yaml/.yml/.json; keep the order of the case's files.
    const p = path.join(caseDir, `${String(i).padStart(2, '0')}-${f.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.(ya?ml|json)$/, '')}.yaml`);
    fs.writeFileSync(p, f.content);
    return p;
  });
  let meshConfig: string | undefined;
  if (c.meshConfig) {
    meshConfig = path.join(caseDir, 'meshconfig.yaml.txt');
    fs.writeFileSync(meshConfig, c.meshConfig);
  }
  return { files, meshConfig };
}

function separator(dir: string, n: number): { file: string; name: string } {
  const name = `separator-${n}`;
  const file = path.join(dir, `${name}.yaml`);
  // A DestinationRule without a host: always rejected, so it always prints one marker line
  // (a VirtualService without hosts would not do: delegate VirtualServices have none).
  fs.writeFileSync(file, `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}\n  namespace: ${SEPARATOR_NS}\nspec:\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n`);
  return { file, name };
}

/** `Kind/namespace/name:` at the start of a top-level multierror bullet. */
const ERROR_LINE = /^\t\* ([A-Za-z0-9]+)\/([^/\s]*)\/([^:\s]*):/;
const DECODE_LINE = /^\t\* failed to decode file ([^:]+):/;

interface ValidateOutcome {
  readonly rejected: Set<string>;
  readonly decodeError: boolean;
}

async function validateBatch(bin: string, dir: string, batch: Array<{ c: Case; files: string[] }>, batchNo: number): Promise<Map<string, ValidateOutcome>> {
  const args = ['validate'];
  const separators: string[] = [];
  batch.forEach((b, i) => {
    const sep = separator(dir, batchNo * 10_000 + i);
    separators.push(sep.name);
    args.push('-f', sep.file);
    for (const f of b.files) args.push('-f', f);
  });
  const res = await run(bin, args);
  const text = `${res.stdout}\n${res.stderr}`;
  const out = new Map<string, ValidateOutcome>();
  batch.forEach((b) => out.set(b.c.id, { rejected: new Set(), decodeError: false }));
  let current = -1;
  const sepIndex = new Map(separators.map((s, i) => [s, i]));
  const fileCase = new Map<string, number>();
  batch.forEach((b, i) => b.files.forEach((f) => fileCase.set(f, i)));
  let seen = 0;
  for (const line of text.split('\n')) {
    const decode = DECODE_LINE.exec(line);
    if (decode) {
      const i = fileCase.get(decode[1]);
      if (i !== undefined) out.set(batch[i].c.id, { ...out.get(batch[i].c.id)!, decodeError: true });
      continue;
    }
    const m = ERROR_LINE.exec(line);
    if (!m) continue;
    const [, kind, ns, name] = m;
    if (ns === SEPARATOR_NS && sepIndex.has(name)) {
      current = sepIndex.get(name)!;
      seen++;
      continue;
    }
    if (current < 0) continue;
    out.get(batch[current].c.id)!.rejected.add(`${kind}/${ns || 'default'}/${name}`);
  }
  if (seen === batch.length) return out;
  // istioctl stopped early (a crash on one input): attribute by halves, down to the culprit,
  // whose objects are then left unchecked.
  if (batch.length === 1) {
    process.stderr.write(`differential: istioctl validate failed on ${batch[0].c.id} (exit ${res.code}); its objects are unchecked\n`);
    return new Map([[batch[0].c.id, { rejected: new Set<string>(), decodeError: true }]]);
  }
  const half = Math.ceil(batch.length / 2);
  const a = await validateBatch(bin, dir, batch.slice(0, half), batchNo * 2 + 1_000_000);
  const b = await validateBatch(bin, dir, batch.slice(half), batchNo * 2 + 1_000_001);
  return new Map([...a, ...b]);
}

interface JsonMessage {
  readonly code?: string;
  readonly level?: string;
  readonly origin?: string;
}

/** `Kind ns/name` or `Kind name` (cluster-scoped), as analyze's JSON `origin` gives it. */
function parseOrigin(origin: string | undefined): { kind: string; namespace: string; name: string } {
  if (!origin) return { kind: '', namespace: '', name: '' };
  const [kind, ref = ''] = origin.split(' ', 2);
  const slash = ref.indexOf('/');
  return slash >= 0 ? { kind, namespace: ref.slice(0, slash), name: ref.slice(slash + 1) } : { kind, namespace: '', name: ref };
}

export async function analyzeCase(bin: string, files: string[], meshConfig?: string): Promise<{ messages: AnalyzeMessage[]; failed: boolean }> {
  const args = ['analyze', '--use-kube=false', '--all-namespaces', '-o', 'json', '--color=false', ...(meshConfig ? ['--meshConfigFile', meshConfig] : []), ...files];
  const res = await run(bin, args);
  // istioctl may log (e.g. an object it skips) before the JSON array: start at the array's line.
  const array = /^\[/m.exec(res.stdout);
  if (!array) return { messages: [], failed: true };
  const start = array.index;
  let parsed: JsonMessage[];
  try {
    parsed = JSON.parse(res.stdout.slice(start));
  } catch {
    return { messages: [], failed: true };
  }
  const messages = parsed.map((m) => ({ code: String(m.code), level: (m.level ?? 'Info') as AnalyzeMessage['level'], ...parseOrigin(m.origin) }));
  return { messages, failed: false };
}

/** istioctl's verdicts on `cases`, run with `parallel` processes at a time. */
export async function recordVerdicts(bin: string, cases: readonly Case[], parallel = 2): Promise<Verdict[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-differential-'));
  try {
    const written = cases.map((c) => ({ c, ...writeCase(dir, c) }));

    const batches: Array<typeof written> = [];
    for (let i = 0; i < written.length; i += VALIDATE_BATCH) batches.push(written.slice(i, i + VALIDATE_BATCH));
    const validated = new Map<string, ValidateOutcome>();
    const results = await pool(batches.map((b, n) => () => validateBatch(bin, dir, b, n)), parallel, 'validate batches');
    for (const r of results) for (const [k, v] of r) validated.set(k, v);

    const analyzed = await pool(written.map((w) => () => analyzeCase(bin, w.files, w.meshConfig)), parallel, 'analyze');

    return written.map((w, i): Verdict => {
      const v = validated.get(w.c.id)!;
      const objects: ObjectVerdict[] = parseCaseObjects(w.c).map((o) => {
        const key = `${o.kind}/${o.namespace || 'default'}/${o.name}`;
        const state = v.rejected.has(key) ? 'rejected' : v.decodeError ? 'unchecked' : 'accepted';
        return { kind: o.kind, namespace: o.namespace, name: o.name, validate: state };
      });
      return {
        id: w.c.id,
        objects,
        analyze: analyzed[i].messages,
        ...(v.decodeError ? { decodeError: true } : {}),
        ...(analyzed[i].failed ? { analyzeFailed: true } : {}),
      };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface ClusterOracleLine {
  readonly id: string;
  readonly messages: Array<{ analyzer: string; code: string; level: string; kind: string; namespace: string; name: string }>;
  readonly failed?: string;
}

/**
 * Verdicts from the cluster oracle's output (one JSON line a case, `{id, messages, failed}`):
 * of its messages only those of the analyzers skipped on files are kept, without prose.
 */
export function clusterVerdictsFromOutput(file: string, cases: readonly Case[]): ClusterVerdict[] {
  const text = fs.readFileSync(file, 'utf8');
  const lines = new Map(text.split('\n').filter((l) => l.trim() !== '').map((l) => {
    const parsed = JSON.parse(l) as ClusterOracleLine;
    return [parsed.id, parsed] as const;
  }));
  const skipped = new Set(ANALYZERS_SKIPPED_ON_FILES);
  return cases.map((c): ClusterVerdict => {
    const line = lines.get(c.id);
    if (!line || line.failed) {
      process.stderr.write(`differential: the cluster oracle has no verdict on ${c.id}${line?.failed ? ` (${line.failed})` : ''}\n`);
      return { id: c.id, analyze: [], failed: true };
    }
    const analyze = line.messages
      .filter((m) => skipped.has(m.analyzer))
      .map((m): ClusterMessage => ({ analyzer: m.analyzer, code: m.code, level: m.level as AnalyzeMessage['level'], kind: m.kind, namespace: m.namespace, name: m.name }));
    return { id: c.id, analyze };
  });
}

/**
 * Runs the cluster oracle (`bin CASES.jsonl > VERDICTS.jsonl`, every case in one process) on
 * `cases` and returns its verdicts.
 */
export async function recordClusterVerdicts(bin: string, cases: readonly Case[]): Promise<ClusterVerdict[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-cluster-oracle-'));
  try {
    const input = path.join(dir, 'cases.jsonl');
    const output = path.join(dir, 'verdicts.jsonl');
    fs.writeFileSync(input, cases.map((c) => JSON.stringify({ id: c.id, files: c.files, ...(c.meshConfig ? { meshConfig: c.meshConfig } : {}) })).join('\n') + '\n');
    const out = fs.openSync(output, 'w');
    try {
      const code = await new Promise<number>((resolve, reject) => {
        // Progress goes to our stderr; the verdicts (tens of MB) straight to a file.
        const child = spawn(bin, [input], { stdio: ['ignore', out, 'inherit'] });
        child.on('error', reject);
        child.on('close', (c) => resolve(c ?? -1));
      });
      if (code !== 0) throw new Error(`differential: the cluster oracle ${bin} exited with ${code}`);
    } finally {
      fs.closeSync(out);
    }
    return clusterVerdictsFromOutput(output, cases);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
