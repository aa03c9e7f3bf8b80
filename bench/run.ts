/**
 * Benchmark: synth and lint of synthetic meshes against plain cdk8s and plain YAML parsing.
 *
 *   npx projen bench [--sizes 100,500,2000] [--runs 3] [--per-namespace 20] [--breakdown] [--cpu-prof] [--cdk8s-dir DIR]
 *   npx projen bench --lint-scale 1000000 [--no-parse]   lint (and parse) of that many objects, in files of --per-namespace services
 *   npx projen bench --rule-cost [--sizes 2000,20000] [--rules ID,ID] [--repeat K]   each rule alone (fastest of K) at those
 *     numbers of services; flags growth above n log n
 *
 * For each size N (and N/10 of the largest, for the growth ratio) and each run, one child process
 * per measurement:
 *   a   baseline synth   the manifests as plain cdk8s ApiObjects (no library, no analysis)
 *   a+  baseline synth   the same, with the workloads as cdk8s-plus objects
 *   b0  mesh synth       this library's constructs with the analysis off (--breakdown only)
 *   b1  mesh synth       b with `validateOncePerSynth: false`: cdk8s's passes repeated per chart (--breakdown only)
 *   b   mesh synth       this library's constructs; synth includes the analysis
 *   c   lint             `cdk8s-istio lint` over the YAML that b wrote
 *   d   parse            reading and parsing that YAML with the same `yaml` library
 * Each reports wall time, CPU time and its peak RSS; the tables show medians over the runs.
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
import type { Measurement, RuleCost } from './measure';
import { DEFAULT_SERVICES_PER_NAMESPACE, OBJECTS_PER_SERVICE } from './mesh-generator';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
/**
 * Where the sources are transpiled to: one folder per mode, so that a lint-scale or rule-cost run
 * can go on while another mode starts (each wipes its own folder first).
 */
const BUILD_ROOT = path.join(RESULTS, 'build');
let BUILD = `${BUILD_ROOT}-synth`;

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly perNamespace: number;
  readonly cpuProf: boolean;
  readonly breakdown: boolean;
  /** Objects of the lint-at-scale run; that mode only, when set. */
  readonly lintScale?: number;
  /** Lint-at-scale without the parse step (it takes about half as long as lint). */
  readonly noParse: boolean;
  /**
   * Lint-at-scale corpus folder: written there and kept when missing, reused when it holds one
   * (writing a million objects takes longer than linting them). @default - a temporary folder
   */
  readonly corpus?: string;
  /** Time each rule alone at the sizes given (services; default 2000 and 20000); that mode only. */
  readonly ruleCost: boolean;
  /** Rule ids for --rule-cost (all when empty). */
  readonly rules: string[];
  /** Runs of each rule for --rule-cost, the fastest kept. */
  readonly repeat: number;
  /** Whether --sizes was given. */
  readonly sizesGiven: boolean;
  /** A folder with another cdk8s under node_modules, for the synth steps (see bench/cdk8s-dir.ts). */
  readonly cdk8sDir?: string;
}

const USAGE = 'usage: bench [--sizes 100,500,2000] [--runs 3] [--per-namespace 20] [--breakdown] [--cpu-prof] [--cdk8s-dir DIR] | bench --lint-scale OBJECTS [--per-namespace 20] [--no-parse] [--corpus DIR] | bench --rule-cost [--sizes 2000,20000] [--rules ID,ID] [--repeat K] [--per-namespace 20]';

function parseArgs(argv: string[]): Options {
  let sizes = [100, 500, 2000];
  let runs = 3;
  let perNamespace = DEFAULT_SERVICES_PER_NAMESPACE;
  let cpuProf = false;
  let breakdown = false;
  let lintScale: number | undefined;
  let noParse = false;
  let ruleCost = false;
  let sizesGiven = false;
  let cdk8sDir: string | undefined;
  let corpus: string | undefined;
  let rules: string[] = [];
  let repeat = 1;
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
        sizesGiven = true;
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
      case '--breakdown':
        breakdown = true;
        break;
      case '--lint-scale':
        lintScale = whole(value(), '--lint-scale');
        break;
      case '--no-parse':
        noParse = true;
        break;
      case '--rule-cost':
        ruleCost = true;
        break;
      case '--rules':
        rules = (value() ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
        break;
      case '--repeat':
        repeat = whole(value(), '--repeat');
        break;
      case '--corpus':
        corpus = path.resolve(value() ?? '');
        break;
      case '--cdk8s-dir':
        cdk8sDir = path.resolve(value() ?? '');
        break;
      case '-h':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
      default:
        throw new Error(`unknown argument '${argv[i]}'. ${USAGE}`);
    }
  }
  const sorted = [...new Set(sizes)].sort((x, y) => x - y);
  return { sizes: sorted, runs, perNamespace, cpuProf, breakdown, lintScale, noParse, ruleCost, sizesGiven, cdk8sDir, corpus, rules, repeat };
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

/**
 * a baseline synth (plain ApiObjects), p baseline with cdk8s-plus workloads, b our synth,
 * n our synth with the analysis off (--breakdown), r our synth with cdk8s's passes repeated per chart
 * (--breakdown), c lint of b's YAML, d parse of b's YAML.
 */
type Step = 'a' | 'p' | 'b' | 'n' | 'r' | 'c' | 'd';

/** Runs bench/measure.js with `args` in a child of its own and returns what it measured. */
function runChild(what: string, args: string[], options: Options, profileName: string): Measurement {
  const nodeArgs = ['--expose-gc', '--max-old-space-size=8192', '-r', path.join(BUILD, 'bench', 'cdk8s-dir.js')];
  if (options.cpuProf) {
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', path.join(RESULTS, 'profiles'), '--cpu-prof-name', `${profileName}-${Date.now()}.cpuprofile`);
  }
  const child = spawnSync(process.execPath, [...nodeArgs, path.join(BUILD, 'bench', 'measure.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BENCH_PER_NAMESPACE: String(options.perNamespace), ...(options.cdk8sDir ? { BENCH_CDK8S_DIR: options.cdk8sDir } : {}) },
    maxBuffer: 64 * 2 ** 20,
  });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`${what} failed (exit ${child.status}${child.signal ? `, ${child.signal}` : ''}):\n${child.stderr}${child.stdout}`);
  }
  if (child.stderr.trim() !== '') {
    // Synth prints analysis warnings there; the synthetic mesh is meant to have none.
    process.stderr.write(`${what} wrote to stderr:\n${child.stderr.split('\n').slice(0, 5).join('\n')}\n`);
  }
  return JSON.parse(last) as Measurement;
}

function measure(step: Step, n: number, options: Options): Measurement {
  const dir = path.join(RESULTS, 'out', `n${n}`);
  const args: Record<Step, string[]> = {
    a: ['baseline', String(n), path.join(dir, 'baseline')],
    p: ['baseline-plus', String(n), path.join(dir, 'baseline-plus')],
    b: ['mesh', String(n), path.join(dir, 'mesh')],
    n: ['mesh-no-analysis', String(n), path.join(dir, 'mesh-no-analysis')],
    r: ['mesh-every-chart', String(n), path.join(dir, 'mesh-every-chart')],
    c: ['lint', path.join(dir, 'mesh')],
    d: ['parse', path.join(dir, 'mesh')],
  };
  const m = runChild(`step ${step} at N=${n}`, args[step], options, `${step}-n${n}`);
  if (step === 'c' && m.exitCode !== 0) {
    throw new Error(`lint found errors in the synthesized mesh at N=${n} (exit ${m.exitCode}); the generator must produce a clean mesh`);
  }
  return m;
}

/** The version of cdk8s the synth steps load. */
function cdk8sVersion(options: Options): string {
  const paths = options.cdk8sDir ? [path.join(options.cdk8sDir, 'node_modules')] : [ROOT];
  return JSON.parse(fs.readFileSync(require.resolve('cdk8s/package.json', { paths }), 'utf8')).version;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Medians of one size: wall ms, CPU ms and peak RSS MB per step. */
interface Row {
  readonly n: number;
  readonly objects: number;
  readonly ms: Partial<Record<Step, number>>;
  readonly cpu: Partial<Record<Step, number>>;
  readonly mb: Partial<Record<Step, number>>;
  /** Live heap after synth, with the app still referenced (synth steps). */
  readonly live: Partial<Record<Step, number>>;
  /** Constructs per service (synth steps). */
  readonly perService: Partial<Record<Step, number>>;
}

function fmt(x: number | undefined, digits = 0): string {
  return x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits);
}

function ratio(x: number | undefined, y: number | undefined): string {
  return x === undefined || y === undefined ? '-' : fmt(x / y, 2);
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`, ...body.map(line)].join('\n');
}

function tables(rows: Row[], breakdown: boolean): string {
  const wall = table(
    ['N', 'objects', 'a ms', 'a+ ms', ...(breakdown ? ['b0 ms', 'b1 ms'] : []), 'b ms', 'b/a', 'b/a+', 'c ms', 'd ms', 'c/d'],
    rows.map((r) => [String(r.n), String(r.objects), fmt(r.ms.a), fmt(r.ms.p), ...(breakdown ? [fmt(r.ms.n), fmt(r.ms.r)] : []), fmt(r.ms.b),
      ratio(r.ms.b, r.ms.a), ratio(r.ms.b, r.ms.p), fmt(r.ms.c), fmt(r.ms.d), ratio(r.ms.c, r.ms.d)]),
  );
  const cpuAndMemory = table(
    ['N', 'a cpu', 'a+ cpu', ...(breakdown ? ['b0 cpu', 'b1 cpu'] : []), 'b cpu', 'b/a cpu', 'b/a+ cpu', 'c cpu', 'd cpu',
      'a MB', 'a+ MB', ...(breakdown ? ['b0 MB', 'b1 MB'] : []), 'b MB', 'b/a MB', 'b/a+ MB', 'c MB', 'd MB'],
    rows.map((r) => [String(r.n), fmt(r.cpu.a), fmt(r.cpu.p), ...(breakdown ? [fmt(r.cpu.n), fmt(r.cpu.r)] : []), fmt(r.cpu.b),
      ratio(r.cpu.b, r.cpu.a), ratio(r.cpu.b, r.cpu.p), fmt(r.cpu.c), fmt(r.cpu.d),
      fmt(r.mb.a), fmt(r.mb.p), ...(breakdown ? [fmt(r.mb.n), fmt(r.mb.r)] : []), fmt(r.mb.b),
      ratio(r.mb.b, r.mb.a), ratio(r.mb.b, r.mb.p), fmt(r.mb.c), fmt(r.mb.d)]),
  );
  const synthSteps: Array<[Step, string]> = [['a', 'a'], ['p', 'a+'], ...(breakdown ? [['n', 'b0'], ['r', 'b1']] as Array<[Step, string]> : []), ['b', 'b']];
  const liveAndConstructs = table(
    ['N', ...synthSteps.map(([, h]) => `${h} live MB`), 'b/a+ live', ...synthSteps.map(([, h]) => `${h} constructs/svc`)],
    rows.map((r) => [String(r.n), ...synthSteps.map(([s]) => fmt(r.live[s])), ratio(r.live.b, r.live.p),
      ...synthSteps.map(([s]) => fmt(r.perService[s], 1))]),
  );
  return `Wall time (ms, median):\n${wall}\n\nCPU time (ms, median) and peak RSS (MB, median):\n${cpuAndMemory}\n\n` +
    `Live heap after synth (MB, median; full GC, the app still referenced) and constructs per service:\n${liveAndConstructs}`;
}

/**
 * Lint at scale: writes `objects` objects (the lint corpus of mesh-generator, one file per
 * namespace) into a temporary folder, then lints them and parses them, each in a child of its own.
 */
function lintScaleMode(objects: number, options: Options): void {
  const services = Math.ceil(objects / OBJECTS_PER_SERVICE);
  const dir = options.corpus ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-lint-scale-'));
  const described = path.join(dir, 'corpus.json.txt');
  try {
    let corpus: Measurement;
    if (options.corpus && fs.existsSync(described)) {
      corpus = JSON.parse(fs.readFileSync(described, 'utf8'));
      if (corpus.documents! < objects) throw new Error(`--corpus ${dir} holds ${corpus.documents} objects, fewer than ${objects}; remove it to write it again`);
    } else {
      corpus = runChild('writing the corpus', ['lint-corpus', String(services), dir], options, 'corpus');
      // Not *.json: lint reads every .json file of the folder.
      fs.writeFileSync(described, JSON.stringify(corpus));
    }
    process.stdout.write(`corpus: ${corpus.documents} objects, ${fmt(corpus.bytes! / 2 ** 20)} MiB of YAML in ${corpus.files} files (${dir})\n`);
    const lint = runChild('lint', ['lint', dir], options, 'lint-scale');
    if (lint.exitCode !== 0) throw new Error(`lint found errors in the corpus (exit ${lint.exitCode}); the generator must produce a clean mesh`);
    const parse: Partial<Measurement> = options.noParse ? {} : runChild('parse', ['parse', dir], options, 'parse-scale');
    process.stdout.write(`\n${table(
      ['objects', 'MiB', 'files', 'c lint ms', 'c cpu', 'c MB', 'd parse ms', 'd cpu', 'd MB', 'c/d'],
      [[String(corpus.documents), fmt(corpus.bytes! / 2 ** 20), String(corpus.files), fmt(lint.ms), fmt(lint.cpuMs), fmt(lint.maxRssMb),
        fmt(parse.ms), fmt(parse.cpuMs), fmt(parse.maxRssMb), ratio(lint.ms, parse.ms)]],
    )}\n`);
    process.stdout.write('c = `cdk8s-istio lint DIR` in process; d = reading and parsing the same files (yaml library); MB = peak RSS of the child.\n');
    process.stdout.write(`ratios lint/parse=${ratio(lint.ms, parse.ms)} lintPeakRssMb=${fmt(lint.maxRssMb)} objects=${corpus.documents}\n`);
  } finally {
    if (!options.corpus) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Rule cost: each rule alone (a fresh model, so it builds the indexes it uses) at two or more
 * sizes. A rule is flagged when its time grows faster than n log n between the smallest and the
 * largest size, by more than half again (noise), and takes at least 20 ms at the largest size.
 */
function ruleCostMode(options: Options): void {
  const sizes = options.sizesGiven ? options.sizes : [2000, 20000];
  if (sizes.length < 2) throw new Error(`--rule-cost needs two sizes or more, got ${sizes.join(',')}`);
  const results = sizes.map((n) => {
    const m = runChild(`rule-cost at N=${n}`, ['rule-cost', String(n), options.rules.join(','), String(options.repeat)], options, `rule-cost-n${n}`);
    process.stdout.write(`N=${n} (${n * OBJECTS_PER_SERVICE} objects): model built in ${fmt(m.modelMs)} ms, peak RSS ${fmt(m.maxRssMb)} MB\n`);
    return { n, rules: m.rules! };
  });
  const small = results[0];
  const big = results[results.length - 1];
  const objects = (n: number) => n * OBJECTS_PER_SERVICE;
  const nLogN = (objects(big.n) * Math.log(objects(big.n))) / (objects(small.n) * Math.log(objects(small.n)));
  // Both CPU time (which counts the collector's helper threads too) and wall time (which counts
  // waiting for a CPU) are upper bounds of a rule's own work: the smaller one is the estimate.
  const cost = (c: RuleCost) => Math.min(c.cpuMs, c.ms);
  const rows = Object.keys(big.rules).map((id) => {
    const growth = cost(big.rules[id]) / Math.max(cost(small.rules[id]), 0.01);
    const flagged = growth > 1.5 * nLogN && cost(big.rules[id]) >= 20;
    const of = (f: (c: RuleCost) => number) => results.map((r) => f(r.rules[id]));
    return { id, growth, flagged, cost: of(cost), cpu: of((c) => c.cpuMs), ms: of((c) => c.ms) };
  }).sort((x, y) => y.cost[y.cost.length - 1] - x.cost[x.cost.length - 1]);
  const shown = rows.filter((r, i) => i < 20 || r.flagged);
  process.stdout.write(`\n${table(
    ['rule', ...results.map((r) => `ms @${objects(r.n)}`), ...results.map((r) => `cpu @${objects(r.n)}`), ...results.map((r) => `wall @${objects(r.n)}`), 'growth', 'flag'],
    shown.map((r) => [r.id, ...r.cost.map((x) => fmt(x, 1)), ...r.cpu.map((x) => fmt(x, 1)), ...r.ms.map((x) => fmt(x, 1)), fmt(r.growth, 1), r.flagged ? 'FASTER THAN n log n' : '']),
  )}\n`);
  const total = (i: number) => rows.reduce((sum, r) => sum + r.cost[i], 0);
  process.stdout.write(
    `${rows.length} rules; the ${shown.length} slowest at the largest size shown. ms = the smaller of cpu and wall (both bound the rule's own work); ` +
    `growth = ms(${objects(big.n)}) / ms(${objects(small.n)}); ` +
    `n log n would be ${fmt(nLogN, 1)}; flagged above ${fmt(1.5 * nLogN, 1)} when ≥ 20 ms.\n` +
    `all rules together (each alone): ${results.map((r, i) => `${fmt(total(i))} ms @${objects(r.n)}`).join(', ')}\n`,
  );
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'rule-cost.json'), JSON.stringify({ sizes, perNamespace: options.perNamespace, rows }, null, 2));
  const flagged = rows.filter((r) => r.flagged).map((r) => r.id);
  process.stdout.write(`ratios ruleGrowthMax=${fmt(rows.filter((r) => r.cost[r.cost.length - 1] >= 20).reduce((max, r) => Math.max(max, r.growth), 0), 1)} nlogn=${fmt(nLogN, 1)} flagged=${flagged.length === 0 ? 'none' : flagged.join(',')}\n`);
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  if (options.ruleCost) {
    BUILD = `${BUILD_ROOT}-rule-cost`;
    process.stdout.write(`machine: ${os.cpus().length} CPUs, node ${process.version}, load ${os.loadavg().map((l) => fmt(l, 1)).join(' ')}; ${options.perNamespace} services per namespace\n`);
    transpile();
    ruleCostMode(options);
    return;
  }
  if (options.lintScale !== undefined) {
    BUILD = `${BUILD_ROOT}-lint-scale`;
    process.stdout.write(`machine: ${os.cpus().length} CPUs, node ${process.version}, load ${os.loadavg().map((l) => fmt(l, 1)).join(' ')}\n`);
    transpile();
    lintScaleMode(options.lintScale, options);
    return;
  }
  const largest = options.sizes[options.sizes.length - 1];
  const tenth = Math.round(largest / 10);
  const sizes = [...new Set([...options.sizes, ...(tenth >= 1 ? [tenth] : [])])].sort((x, y) => x - y);
  const steps: Step[] = options.breakdown ? ['a', 'p', 'n', 'r', 'b', 'c', 'd'] : ['a', 'p', 'b', 'c', 'd'];

  const started = Date.now();
  process.stdout.write(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, load ${os.loadavg().map((l) => fmt(l, 1)).join(' ')}\n`);
  process.stdout.write(`sizes ${sizes.join(', ')} (N/10 of the largest added for growth10x); ${options.runs} run(s); ${options.perNamespace} services per namespace; cdk8s ${cdk8sVersion(options)}\n`);
  transpile();

  const rows: Row[] = [];
  for (const n of sizes) {
    const samples: Partial<Record<Step, Measurement[]>> = {};
    for (let run = 0; run < options.runs; run++) {
      // Interleaved, so drift of the machine during the run affects every step alike.
      for (const step of steps) (samples[step] ??= []).push(measure(step, n, options));
    }
    const row: Row = { n, objects: n * OBJECTS_PER_SERVICE, ms: {}, cpu: {}, mb: {}, live: {}, perService: {} };
    for (const step of steps) {
      row.ms[step] = median(samples[step]!.map((m) => m.ms));
      row.cpu[step] = median(samples[step]!.map((m) => m.cpuMs));
      row.mb[step] = median(samples[step]!.map((m) => m.maxRssMb));
      const first = samples[step]![0];
      if (first.liveMb !== undefined) row.live[step] = median(samples[step]!.map((m) => m.liveMb!));
      if (first.constructs !== undefined) row.perService[step] = first.constructs / n;
    }
    rows.push(row);
    process.stdout.write(`N=${n}: ${steps.map((s) => `${s} ${fmt(row.ms[s])} ms`).join(', ')}\n`);
  }

  process.stdout.write(`\n${tables(rows, options.breakdown)}\n\n`);
  const big = rows.find((r) => r.n === largest)!;
  const small = rows.find((r) => r.n === tenth);
  const growth = small ? big.ms.b! / small.ms.b! : NaN;
  process.stdout.write(
    'a = synth of the manifests as plain cdk8s ApiObjects; a+ = the same with the workloads as cdk8s-plus objects;\n' +
    (options.breakdown ? 'b0 = cdk8s-istio synth with Mesh analyze: false; b1 = with Mesh validateOncePerSynth: false (cdk8s repeats its passes per chart);\n' : '') +
    'b = cdk8s-istio synth (constructs, analysis, YAML); c = `cdk8s-istio lint` of b\'s YAML; d = parsing that YAML (yaml library).\n' +
    'cpu = CPU time of the child (all its threads); MB = peak RSS of the child process.\n' +
    `growth10x = b(${largest}) / b(${tenth}), wall; mem = peak RSS of b / a at N=${largest}. Took ${fmt((Date.now() - started) / 1000)} s.\n`,
  );
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify({ options, cdk8s: cdk8sVersion(options), node: process.version, load: os.loadavg(), rows }, null, 2));
  process.stdout.write(
    `ratios synth/baseline=${fmt(big.ms.b! / big.ms.a!, 2)} synth/plus=${fmt(big.ms.b! / big.ms.p!, 2)} lint/parse=${fmt(big.ms.c! / big.ms.d!, 2)} ` +
    `growth10x=${fmt(growth, 2)} mem=${fmt(big.mb.b! / big.mb.a!, 2)} mem/plus=${fmt(big.mb.b! / big.mb.p!, 2)} ` +
    `live/plus=${fmt(big.live.b! / big.live.p!, 2)} constructs/svc=${fmt(big.perService.b, 1)} (a+ ${fmt(big.perService.p, 1)}) cdk8s=${cdk8sVersion(options)}\n`,
  );
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
