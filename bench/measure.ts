/**
 * One measurement, run in a child process of its own (bench/run.ts starts it with
 * `node --expose-gc`), so that the peak memory it reports is its own.
 *
 *   measure.js baseline N OUTDIR     plain cdk8s ApiObjects: build the app and synth it
 *   measure.js baseline-plus N OUTDIR   cdk8s-plus workloads, the other objects as ApiObjects
 *   measure.js mesh N OUTDIR         this library's constructs: build, analyse and synth
 *   measure.js mesh-no-analysis N OUTDIR   the same with `Mesh({ analyze: false })`
 *   measure.js lint DIR              `cdk8s-istio lint DIR`, in process (output discarded)
 *   measure.js parse DIR             read DIR's YAML files and parse them with the same library
 *
 * Prints one JSON line: { ms, cpuMs, maxRssMb, heapMb, exitCode?, documents? }. `ms` is wall time
 * of the work alone (module loading excluded), `cpuMs` the CPU time it took; `maxRssMb` is the
 * process's peak resident set size.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildBaselineApp, buildMeshApp, buildPlusBaselineApp, DEFAULT_SERVICES_PER_NAMESPACE } from './mesh-generator';
import { main } from '../src/cli/main';

export interface Measurement {
  readonly ms: number;
  readonly maxRssMb: number;
  /** Heap in use right after the work, before any collection. */
  readonly heapMb: number;
  /** For lint: its exit code (0 = no error found). */
  readonly exitCode?: number;
  /** For parse: documents parsed. */
  readonly documents?: number;
  /** CPU time (user + system, all threads of the process) spent on the work. */
  readonly cpuMs: number;
}

const sink = { write: () => true };

async function work(mode: string, args: string[]): Promise<Omit<Measurement, 'ms' | 'cpuMs' | 'maxRssMb' | 'heapMb'>> {
  const perNamespace = Number(process.env.BENCH_PER_NAMESPACE ?? DEFAULT_SERVICES_PER_NAMESPACE);
  switch (mode) {
    case 'baseline':
      buildBaselineApp({ services: Number(args[0]), servicesPerNamespace: perNamespace }, args[1]).synth();
      return {};
    case 'baseline-plus':
      buildPlusBaselineApp({ services: Number(args[0]), servicesPerNamespace: perNamespace }, args[1]).synth();
      return {};
    case 'mesh':
    case 'mesh-no-analysis':
      buildMeshApp({ services: Number(args[0]), servicesPerNamespace: perNamespace, analyze: mode === 'mesh' }, args[1]).synth();
      return {};
    case 'lint':
      return { exitCode: await main(['lint', args[0]], { stdout: sink, stderr: process.stderr }) };
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
  const result: Measurement = { ms, cpuMs, maxRssMb, heapMb, ...extra };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

run().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
