/**
 * Benchmark: synth and lint of synthetic meshes against plain cdk8s and plain YAML parsing.
 *
 *   npx projen bench [--sizes 100,500,2000] [--runs 3] [--per-namespace 20] [--cpu-prof]
 *
 * For each size N (and N/10 of the largest, for the growth ratio) and each run, four child
 * processes measure, one each:
 *   a  baseline synth  the manifests as plain cdk8s ApiObjects (no library, no analysis)
 *   b  mesh synth      this library's constructs; synth includes the analysis
 *   c  lint            `cdk8s-istio lint` over the YAML that b wrote
 *   d  parse           reading and parsing that YAML with the same `yaml` library
 * Times are medians over the runs; memory is the median peak RSS of each child.
 *
 * Sources are transpiled once into bench/results/build so that children run plain JavaScript:
 * no compiler in their time or memory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// The benchmark is a development tool, run from a clone where devDependencies are installed.
// eslint-disable-next-line import/no-extraneous-dependencies
import * as ts from 'typescript';
import type { Measurement } from './measure';
import { DEFAULT_SERVICES_PER_NAMESPACE, OBJECTS_PER_SERVICE } from './mesh-generator';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const BUILD = path.join(RESULTS, 'build');

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly perNamespace: number;
  readonly cpuProf: boolean;
}

const USAGE = 'usage: bench [--sizes 100,500,2000] [--runs 3] [--per-namespace 20] [--cpu-prof]';

function parseArgs(argv: string[]): Options {
  let sizes = [100, 500, 2000];
  let runs = 3;
  let perNamespace = DEFAULT_SERVICES_PER_NAMESPACE;
  let cpuProf = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const whole = (v: string | undefined, what: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: '${v}' is not a whole number ≥ 1. ${USAGE}`);
      return n;
    };
    switch (flag) {
      case '--sizes':
        sizes = (value() ?? '').split(',').map((s) => whole(s.trim(), '--sizes'));
        break;
      case '--runs':
        runs = whole(value(), '--runs');
        break;
      case '--per-namespace':
        perNamespace = whole(value(), '--per-namespace');
        break;
      case '--cpu-prof':
        cpuProf = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
      default:
        throw new Error(`unknown argument '${argv[i]}'. ${USAGE}`);
    }
  }
  return { sizes: [...new Set(sizes)].sort((x, y) => x - y), runs, perNamespace, cpuProf };
}

/** Transpiles src/ and bench/ to CommonJS under bench/results/build (no type check: tsc does that). */
function transpile(): void {
  fs.rmSync(BUILD, { recursive: true, force: true });
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'results' ? [] : walk(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
  for (const file of [...walk(path.join(ROOT, 'src')), ...walk(path.join(ROOT, 'bench'))]) {
    const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = path.join(BUILD, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.outputText);
  }
}

type Step = 'a' | 'b' | 'c' | 'd';
const STEPS: Step[] = ['a', 'b', 'c', 'd'];

function measure(step: Step, n: number, options: Options): Measurement {
  const dir = path.join(RESULTS, 'out', `n${n}`);
  const args: Record<Step, string[]> = {
    a: ['baseline', String(n), path.join(dir, 'baseline')],
    b: ['mesh', String(n), path.join(dir, 'mesh')],
    c: ['lint', path.join(dir, 'mesh')],
    d: ['parse', path.join(dir, 'mesh')],
  };
  const nodeArgs = ['--expose-gc', '--max-old-space-size=8192'];
  if (options.cpuProf) {
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', path.join(RESULTS, 'profiles'), '--cpu-prof-name', `${step}-n${n}-${Date.now()}.cpuprofile`);
  }
  const child = spawnSync(process.execPath, [...nodeArgs, path.join(BUILD, 'bench', 'measure.js'), ...args[step]], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BENCH_PER_NAMESPACE: String(options.perNamespace) },
    maxBuffer: 64 * 2 ** 20,
  });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`step ${step} at N=${n} failed (exit ${child.status}):\n${child.stderr}${child.stdout}`);
  }
  if (child.stderr.trim() !== '') {
    // Synth prints analysis warnings there; the synthetic mesh is meant to have none.
    process.stderr.write(`step ${step} at N=${n} wrote to stderr:\n${child.stderr.split('\n').slice(0, 5).join('\n')}\n`);
  }
  const m = JSON.parse(last) as Measurement;
  if (step === 'c' && m.exitCode !== 0) {
    throw new Error(`lint found errors in the synthesized mesh at N=${n} (exit ${m.exitCode}); the generator must produce a clean mesh`);
  }
  return m;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

interface Row {
  readonly n: number;
  readonly objects: number;
  readonly ms: Record<Step, number>;
  readonly mb: Record<Step, number>;
}

function fmt(x: number, digits = 0): string {
  return x.toFixed(digits);
}

function table(rows: Row[]): string {
  const header = ['N', 'objects', 'a synth ms', 'b synth ms', 'b/a', 'c lint ms', 'd parse ms', 'c/d',
    'a MB', 'b MB', 'b/a MB', 'c MB', 'd MB'];
  const body = rows.map((r) => [
    String(r.n), String(r.objects),
    fmt(r.ms.a), fmt(r.ms.b), fmt(r.ms.b / r.ms.a, 2), fmt(r.ms.c), fmt(r.ms.d), fmt(r.ms.c / r.ms.d, 2),
    fmt(r.mb.a), fmt(r.mb.b), fmt(r.mb.b / r.mb.a, 2), fmt(r.mb.c), fmt(r.mb.d),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`, ...body.map(line)].join('\n');
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const largest = options.sizes[options.sizes.length - 1];
  const tenth = Math.round(largest / 10);
  const sizes = [...new Set([...options.sizes, ...(tenth >= 1 ? [tenth] : [])])].sort((x, y) => x - y);

  const started = Date.now();
  process.stdout.write(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}\n`);
  process.stdout.write(`sizes ${sizes.join(', ')} (N/10 of the largest added for growth10x); ${options.runs} run(s); ${options.perNamespace} services per namespace\n`);
  transpile();

  const rows: Row[] = [];
  for (const n of sizes) {
    const samples: Record<Step, Measurement[]> = { a: [], b: [], c: [], d: [] };
    for (let run = 0; run < options.runs; run++) {
      // Interleaved, so drift of the machine during the run affects every step alike.
      for (const step of STEPS) samples[step].push(measure(step, n, options));
    }
    const ms = {} as Record<Step, number>;
    const mb = {} as Record<Step, number>;
    for (const step of STEPS) {
      ms[step] = median(samples[step].map((m) => m.ms));
      mb[step] = median(samples[step].map((m) => m.maxRssMb));
    }
    rows.push({ n, objects: n * OBJECTS_PER_SERVICE, ms, mb });
    process.stdout.write(`N=${n}: a ${fmt(ms.a)} ms, b ${fmt(ms.b)} ms, c ${fmt(ms.c)} ms, d ${fmt(ms.d)} ms\n`);
  }

  process.stdout.write(`\n${table(rows)}\n\n`);
  const big = rows.find((r) => r.n === largest)!;
  const small = rows.find((r) => r.n === tenth);
  const growth = small ? big.ms.b / small.ms.b : NaN;
  process.stdout.write(
    'a = plain cdk8s ApiObjects synth, b = cdk8s-istio synth with analysis, c = cdk8s-istio lint of b\'s YAML, ' +
    'd = parsing that YAML; MB = peak RSS of the child process; medians.\n' +
    `growth10x = b(${largest}) / b(${tenth}); mem = peak RSS of b / a at N=${largest}. Took ${fmt((Date.now() - started) / 1000)} s.\n`,
  );
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify({ options, node: process.version, rows }, null, 2));
  process.stdout.write(
    `ratios synth/baseline=${fmt(big.ms.b / big.ms.a, 2)} lint/parse=${fmt(big.ms.c / big.ms.d, 2)} ` +
    `growth10x=${fmt(growth, 2)} mem=${fmt(big.mb.b / big.mb.a, 2)}\n`,
  );
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
