/**
 * One measurement, run in a child process of its own (bench/run.ts starts it with
 * `node --expose-gc`), so that the peak memory it reports is its own.
 *
 *   measure.js baseline N OUTDIR     plain cdk8s ApiObjects: build the app and synth it
 *   measure.js baseline-plus N OUTDIR   cdk8s-plus workloads, the other objects as ApiObjects
 *   measure.js mesh N OUTDIR         this library's constructs: build, analyse and synth
 *   measure.js mesh-no-analysis N OUTDIR   the same with `Mesh({ analyze: false })`
 *   measure.js mesh-every-chart N OUTDIR   the same with `Mesh({ validateOncePerSynth: false })`
 *   measure.js lint DIR              `cdk8s-istio lint DIR`, in process (output discarded)
 *   measure.js parse DIR             read DIR's YAML files and parse them with the same library
 *   measure.js lint-corpus N DIR     write N services of `lintCorpusManifests` as YAML, one file per namespace
 *   measure.js rule-cost N [IDS] [K] each rule (or those of IDS, comma-separated) alone over the manifests
 *                                    of N services, a fresh model each time; the fastest of K runs
 *
 * Prints one JSON line: { ms, cpuMs, maxRssMb, heapMb, exitCode?, documents? }. `ms` is wall time
 * of the work alone (module loading excluded), `cpuMs` the CPU time it took; `maxRssMb` is the
 * process's peak resident set size.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { App } from 'cdk8s';
import { parseAllDocuments, stringify } from 'yaml';
import { buildBaselineApp, buildMeshApp, buildPlusBaselineApp, DEFAULT_SERVICES_PER_NAMESPACE, layout, lintCorpusManifests, serviceManifests } from './mesh-generator';
import type { ManifestSource } from '../src/analysis/manifest';
import { MeshModel } from '../src/analysis/model';
import { ALL_RULES } from '../src/analysis/rules';
import { ownProcessHeap } from '../src/cli/heap-growth';
import { main } from '../src/cli/main';

export interface Measurement {
  readonly ms: number;
  readonly maxRssMb: number;
  /** Heap in use right after the work, before any collection. */
  readonly heapMb: number;
  /**
   * Heap still in use after a full collection, with the synthesized app still referenced (as a
   * program that goes on after `app.synth()` holds it): what the constructs and anything the
   * library keeps after the synth take.
   */
  readonly liveMb?: number;
  /** For synth: constructs in the app (all of `app.node.findAll()`, the app itself included). */
  readonly constructs?: number;
  /** For lint: its exit code (0 = no error found). */
  readonly exitCode?: number;
  /** For parse: documents parsed; for lint-corpus: documents written. */
  readonly documents?: number;
  /** For lint-corpus: bytes and files written. */
  readonly bytes?: number;
  readonly files?: number;
  /** For rule-cost: each rule's time alone (its indexes included, the model's construction not). */
  readonly rules?: Record<string, RuleCost>;
  /** For rule-cost: building the model (records and kind index) from the manifests. */
  readonly modelMs?: number;
  /** CPU time (user + system, all threads of the process) spent on the work. */
  readonly cpuMs: number;
}

/** One rule run alone over a fresh model. */
export interface RuleCost {
  readonly ms: number;
  readonly cpuMs: number;
  readonly findings: number;
}

const sink = { write: () => true };

/**
 * Times each rule alone: a fresh model per rule, so that a rule pays for the indexes it asks
 * for (which in a full run the first rule asking builds for all).
 */
function ruleCost(services: number, perNamespace: number, only: string[], repeats: number): { rules: Record<string, RuleCost>; modelMs: number } {
  const sources: ManifestSource[] = [];
  for (const { services: slots } of layout({ services, servicesPerNamespace: perNamespace })) {
    for (const slot of slots) {
      for (const manifest of serviceManifests(slot)) {
        if (manifest.kind === 'Deployment') {
          // The address label cdk8s-plus adds, as buildBaselineApp fills it in.
          manifest.spec.selector.matchLabels = { ...manifest.spec.template.metadata.labels };
        }
        sources.push({ manifest });
      }
    }
  }
  const gc = (global as any).gc as (() => void) | undefined;
  // Warm-up: every rule once over a few services, so that the first rules timed do not pay for
  // compiling the code they share with the others.
  const warm = new MeshModel(sources.slice(0, 20 * 8));
  for (const rule of ALL_RULES) rule.check(warm, () => undefined);
  const rules: Record<string, RuleCost> = {};
  let modelMs = Infinity;
  for (const rule of ALL_RULES.filter((r) => only.length === 0 || only.includes(r.id))) {
    // The fastest of `repeats` runs, each over a fresh model: a collection or a wait for the CPU
    // in one run says nothing about the rule.
    for (let i = 0; i < repeats; i++) {
      const built = performance.now();
      const model = new MeshModel(sources);
      modelMs = Math.min(modelMs, performance.now() - built);
      gc?.();
      let findings = 0;
      const cpu = process.cpuUsage();
      const start = performance.now();
      rule.check(model, () => {
        findings++;
      });
      const used = process.cpuUsage(cpu);
      const ms = performance.now() - start;
      const cpuMs = (used.user + used.system) / 1000;
      const best = rules[rule.id];
      rules[rule.id] = { ms: Math.min(ms, best?.ms ?? Infinity), cpuMs: Math.min(cpuMs, best?.cpuMs ?? Infinity), findings };
    }
  }
  return { rules, modelMs };
}

/** What the work keeps alive until the live heap is measured. */
let kept: unknown;

async function work(mode: string, args: string[]): Promise<Omit<Measurement, 'ms' | 'cpuMs' | 'maxRssMb' | 'heapMb'>> {
  const perNamespace = Number(process.env.BENCH_PER_NAMESPACE ?? DEFAULT_SERVICES_PER_NAMESPACE);
  switch (mode) {
    case 'baseline':
      kept = buildBaselineApp({ services: Number(args[0]), servicesPerNamespace: perNamespace }, args[1]);
      (kept as App).synth();
      return { constructs: (kept as App).node.findAll().length };
    case 'baseline-plus':
      kept = buildPlusBaselineApp({ services: Number(args[0]), servicesPerNamespace: perNamespace }, args[1]);
      (kept as App).synth();
      return { constructs: (kept as App).node.findAll().length };
    case 'mesh':
    case 'mesh-no-analysis':
    case 'mesh-every-chart':
      kept = buildMeshApp({
        services: Number(args[0]),
        servicesPerNamespace: perNamespace,
        analyze: mode !== 'mesh-no-analysis',
        validateOncePerSynth: mode !== 'mesh-every-chart',
      }, args[1]);
      (kept as App).synth();
      return { constructs: (kept as App).node.findAll().length };
    case 'lint':
      // As the command line runs: it may bound the heap's growth of its own process (runCli).
      ownProcessHeap();
      // No input limit: the million-object corpus is larger than the default 256 MiB in total.
      return { exitCode: await main(['lint', '--max-total-bytes', '64GiB', args[0]], { stdout: sink, stderr: process.stderr }) };
    case 'rule-cost':
      return ruleCost(Number(args[0]), perNamespace, (args[1] ?? '').split(',').filter((x) => x !== ''), Number(args[2] ?? 1));
    case 'lint-corpus': {
      fs.mkdirSync(args[1], { recursive: true });
      let documents = 0;
      let bytes = 0;
      let files = 0;
      for (const { namespace, services } of layout({ services: Number(args[0]), servicesPerNamespace: perNamespace })) {
        const docs: string[] = [];
        for (const slot of services) {
          for (const m of lintCorpusManifests(slot)) docs.push(stringify(m));
        }
        const text = docs.join('---\n');
        fs.writeFileSync(path.join(args[1], `${namespace}.yaml`), text);
        documents += docs.length;
        bytes += Buffer.byteLength(text);
        files++;
      }
      return { documents, bytes, files };
    }
    case 'parse': {
      let documents = 0;
      for (const file of fs.readdirSync(args[0]).filter((f) => f.endsWith('.yaml')).sort()) {
        const text = fs.readFileSync(path.join(args[0], file), 'utf8');
        for (const doc of parseAllDocuments(text)) {
          if (doc.toJS() !== null) documents++;
        }
      }
      return { documents };
    }
    default:
      throw new Error(`unknown mode '${mode}'; use baseline, mesh, lint or parse`);
  }
}

async function run(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  const gc = (global as any).gc as (() => void) | undefined;
  gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const extra = await work(mode, args);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  let liveMb: number | undefined;
  if (gc && kept !== undefined) {
    gc();
    liveMb = process.memoryUsage().heapUsed / 2 ** 20;
    kept = undefined;
  }
  const result: Measurement = { ms, cpuMs, maxRssMb, heapMb, ...(liveMb !== undefined ? { liveMb } : {}), ...extra };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

run().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
