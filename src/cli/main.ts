import * as fs from 'fs';
import * as path from 'path';
import { ExitCode, formatArg, loadInputs, meshArg, MeshArgs, meshModelOptions, NO_INPUT_MESSAGE, orList, OutputStream, PROGRAM, readMeshConfigOption, scanArgs, UsageError, usageError } from './args';
import { readCrdFile } from './crd-file';
import { formatJson, formatText, OUTPUT_FORMATS, OutputFormat } from './format';
import { ownProcessHeap } from './heap-growth';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TOTAL_BYTES, describeFsError, parseByteSize } from './load-manifests';
import { readMeshConfigArg } from './mesh-config-arg';
import { DescribedRule, formatSarif, istioCodeUrl } from './sarif';
import { simulateCommand } from './simulate';
import { analyzeSources, closestRuleId, CrdFileError, didYouMean, failing, FailOn, IGNORE_ANNOTATION, unknownRuleIds } from '../analysis/analysis-run';
import type { CrdSchemas } from '../analysis/crd/crd-schemas';
import { Severity } from '../analysis/diagnostic';
import { MeshConfigSetting } from '../analysis/mesh-config-file';
import { Rule } from '../analysis/rule';
import { ALL_RULES } from '../analysis/rules';

export { ExitCode };
export type { OutputStream };

/** Where the command reads and writes; defaults to the process's own. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Read when `-` is given as a path: a stream, or the text itself. */
  readonly stdin: NodeJS.ReadableStream | string;
  /** Folder relative paths are resolved against. */
  readonly cwd: string;
}

/** Options that are not command-line arguments (for tests and embedding). */
export interface CliOptions {
  /**
   * Rules to run.
   * @default ALL_RULES
   */
  readonly rules?: readonly Rule[];
}

export const MAIN_USAGE = `Usage: ${PROGRAM} <command> [options]

Typed cdk8s constructs for Istio, and the checks they run, as a command.

Commands:
  lint PATH...      check Istio and Kubernetes manifests (see '${PROGRAM} lint --help')
  simulate PATH... --to URL
                    show what happens to one request: route, destinations, policy,
                    mTLS and authorization (see '${PROGRAM} simulate --help')

Options:
  -h, --help        print this help and exit
  -v, --version     print the version and exit
`;

export const LINT_USAGE = `Usage: ${PROGRAM} lint [options] PATH...

Checks Kubernetes and Istio manifests (YAML or JSON) with the rules that 'cdk8s synth' runs:
the checks of Istio's validation webhook, of 'istioctl analyze', and of how Envoy applies
the configuration. All inputs are analysed together, so cross-resource checks (a subset
defined in one file and used in another) see every object. As 'istioctl analyze' does with
local files:
  - one object per kind and namespace/name is kept, the last one read (v1 and v1beta1
    copies are one object); the info manifest-duplicate-object names the earlier copies;
  - objects without a namespace are in 'default', or in the namespace given with -n.
Kustomize patch documents (files a kustomization.yaml next to the inputs lists under
patches, patchesStrategicMerge or patchesJson6902; documents with a $patch directive) are
skipped, with the info manifest-patch-skipped. To check an overlay as applied, lint what
kustomize builds: kustomize build DIR | ${PROGRAM} lint -

Input files are UTF-8 (a byte-order mark is allowed), or UTF-16 or UTF-32 with a
byte-order mark. A file with NUL bytes and no byte-order mark is refused as binary, and
invalid UTF-8 is refused. YAML is read as Kubernetes and cdk8s read it: YAML 1.1 (yes/on
are booleans, 0755 is octal, 0o755 is a string). A folder that cannot be read, like a
file, stops the run (exit 2): lint checks all of the input or none of it.

Arguments:
  PATH                     a file; a folder, searched recursively for *.yaml, *.yml and
                           *.json (sorted; hidden folders and node_modules are skipped);
                           or - to read standard input. Files may hold several YAML
                           documents separated by ---; 'kind: List' items are checked
                           one by one.

Options:
  -f, --format FORMAT      text (default), json or sarif
      --fail-on LEVEL      error (default): exit 1 on errors; warning: on warnings too
  -i, --ignore RULE        do not run RULE; repeat, or separate ids with commas
      --cluster-domain D   cluster DNS domain used to expand short host names
                           (default cluster.local)
  -n, --namespace NS       namespace of the objects that declare none, as with
                           'kubectl apply -n NS' or 'istioctl analyze -n NS'
                           (default: default). Cluster-scoped kinds have none.
                           Unlike istioctl, findings of every namespace are reported.
      --root-namespace NS  Istio's root namespace, whose policies apply mesh-wide
                           (default: the mesh config's rootNamespace, else istio-system)
      --mesh-config FILE   the mesh config to check against, as 'istioctl analyze
                           --meshConfigFile FILE': MeshConfig YAML (the data.mesh of the
                           istio ConfigMap; the ConfigMap itself is accepted too), applied
                           over Istio's defaults. Its rootNamespace, trustDomain,
                           outboundTrafficPolicy, defaultConfig and extensionProviders
                           take precedence over a mesh config ConfigMap or IstioOperator
                           among the inputs. An unreadable file exits 2.
      --crds FILE          check against the CustomResourceDefinitions of the Istio
                           version you run (e.g. 'kubectl get crd -l app=istio-pilot
                           -o yaml'): their OpenAPI schemas instead of the built-in
                           ones (Istio 1.30), and their CEL rules (schema-cel-validation)
      --max-bytes SIZE     refuse a file larger than SIZE (default 64MiB): bytes, or a
                           number with KiB, MiB or GiB (e.g. 128MiB, 1GiB). Files, devices,
                           FIFOs and standard input are read up to the limit, no further;
                           --crds, --mesh-config and kustomizations are read likewise.
      --max-total-bytes SIZE
                           refuse inputs larger than SIZE together (default 256MiB, or
                           --max-bytes when that is larger)
      --list-rules         print every rule (id, severity, istioctl code, summary) and exit
      --explain RULE       print what RULE checks (severity, istioctl code, summary,
                           description) and how to switch it off, and exit
  -h, --help               print this help and exit

To switch rules off for one object, annotate it (comma-separated rule ids):
  metadata:
    annotations:
      ${IGNORE_ANNOTATION}: "rule-a,rule-b"

Output:
  text   one line per finding, grouped by file:
         file:line  severity  rule-id [ISTcode]  Kind namespace/name  path  message  Fix: ...
         followed by a summary line.
  json   {"diagnostics":[{"ruleId", "severity", "message", "file",
           "resource": {"apiVersion", "kind", "namespace", "name"},
           "path", "istioCode", "line", "fix"}]}
         Every key is always present; unknown or not applicable values are null.
  sarif  SARIF 2.1.0 for code-scanning UIs (GitHub, GitLab, VS Code): the rules that ran
         under runs[0].tool.driver.rules; one result per finding with its level, message
         and fix, the file (relative to the current folder) and line, and the object and
         JSON path of the field as a logical location.

Exit status:
  0  no errors (warnings and infos may have been reported), or with --fail-on warning
     no errors and no warnings
  1  at least one error (with --fail-on warning: at least one error or warning)
  2  an input could not be read or parsed, or the arguments are wrong
`;

/** Arguments of `lint`, parsed. */
interface LintArgs extends Readonly<MeshArgs> {
  readonly format: OutputFormat;
  readonly failOn: FailOn;
  readonly ignore: string[];
  readonly paths: string[];
  readonly crds?: string;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly help: boolean;
  readonly version: boolean;
  readonly listRules: boolean;
  readonly explain?: string;
}

/** The least severe finding that makes lint exit 1. */
const FAIL_ON_VALUES: readonly FailOn[] = [Severity.ERROR, Severity.WARNING];

/**
 * Runs the command line and resolves to the exit code. Never throws and never prints a stack
 * trace (unless CDK8S_ISTIO_DEBUG is set): every failure becomes a message and exit code 2.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}, options: CliOptions = {}): Promise<number> {
  const out: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    stdin: io.stdin ?? process.stdin,
    cwd: io.cwd ?? process.cwd(),
  };
  try {
    return await run(argv, out, options);
  } catch (e) {
    const fsError = e as NodeJS.ErrnoException | undefined;
    if (fsError && typeof fsError.code === 'string' && typeof fsError.syscall === 'string') {
      // A filesystem problem that no door caught: the user can fix it, it is not a bug to report.
      const where = typeof fsError.path === 'string' ? `${path.relative(out.cwd, fsError.path) || fsError.path}: ` : '';
      out.stderr.write(`${PROGRAM}: ${where}${describeFsError(e)}\n`);
      return ExitCode.USAGE_OR_INPUT;
    }
    const message = e instanceof Error ? e.message : String(e);
    out.stderr.write(`${PROGRAM}: internal error: ${message}\n`);
    if (process.env.CDK8S_ISTIO_DEBUG && e instanceof Error && e.stack) {
      out.stderr.write(`${e.stack}\n`);
    } else {
      out.stderr.write('Set CDK8S_ISTIO_DEBUG=1 to see where it happened, and please report it.\n');
    }
    return ExitCode.USAGE_OR_INPUT;
  }
}

async function run(argv: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stderr.write(MAIN_USAGE);
      return ExitCode.USAGE_OR_INPUT;
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(MAIN_USAGE);
      return ExitCode.OK;
    case '-v':
    case '--version':
    case 'version':
      io.stdout.write(`${readVersion()}\n`);
      return ExitCode.OK;
    case 'lint':
      return lint(rest, io, options);
    case 'simulate':
      return simulateCommand(rest, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, readStdin: (limit) => readAll(io.stdin, limit) });
    default:
      io.stderr.write(
        command.startsWith('-')
          ? `${PROGRAM}: unknown option '${command}'\n`
          : `${PROGRAM}: unknown command '${command}'\n`,
      );
      io.stderr.write(`Run '${PROGRAM} --help' for the list of commands.\n`);
      return ExitCode.USAGE_OR_INPUT;
  }
}

async function lint(argv: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  let args: LintArgs;
  try {
    args = parseLintArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageError(io.stderr, 'lint', e.message);
  }

  const rules = options.rules ?? ALL_RULES;
  if (args.help) {
    io.stdout.write(LINT_USAGE);
    return ExitCode.OK;
  }
  if (args.version) {
    io.stdout.write(`${readVersion()}\n`);
    return ExitCode.OK;
  }
  if (args.listRules) {
    io.stdout.write(formatRuleList(rules));
    return ExitCode.OK;
  }
  if (args.explain !== undefined) {
    const rule = rules.find((r) => r.id === args.explain);
    if (!rule) {
      const near = closestRuleId(args.explain, rules);
      io.stderr.write(
        `${PROGRAM} lint: no rule has the id '${args.explain}'.${near ? ` Did you mean '${near}'?` : ''} ` +
        `Run '${PROGRAM} lint --list-rules' to see them.\n`,
      );
      return ExitCode.USAGE_OR_INPUT;
    }
    io.stdout.write(formatRuleExplanation(rule));
    return ExitCode.OK;
  }
  if (args.paths.length === 0) return usageError(io.stderr, 'lint', NO_INPUT_MESSAGE);

  for (const unknown of unknownRuleIds(args.ignore, rules)) {
    io.stderr.write(`${PROGRAM} lint: warning: --ignore ${unknown.id}: no rule has this id.${didYouMean(unknown)} (see '${PROGRAM} lint --list-rules')\n`);
  }

  let crds: CrdSchemas | undefined;
  if (args.crds !== undefined) {
    try {
      crds = readCrdFile(path.resolve(io.cwd, args.crds), args.crds, args.maxFileBytes);
    } catch (e) {
      if (!(e instanceof CrdFileError)) throw e;
      io.stderr.write(`${PROGRAM} lint: --crds: ${e.message}\n`);
      return ExitCode.USAGE_OR_INPUT;
    }
    for (const note of crds.notes) io.stderr.write(`note: --crds ${args.crds}: ${note}\n`);
  }

  let meshConfig: MeshConfigSetting | undefined;
  if (args.meshConfig !== undefined) {
    const read = readMeshConfigOption('lint', args.meshConfig, io.cwd, io.stderr,
      (file, name) => readMeshConfigArg(file, name, args.maxFileBytes));
    if (typeof read === 'number') return read;
    meshConfig = read;
  }

  const loaded = await loadInputs(args.paths, {
    cwd: io.cwd,
    readStdin: (limit) => readAll(io.stdin, limit),
    maxFileBytes: args.maxFileBytes,
    maxTotalBytes: args.maxTotalBytes,
  }, io.stderr, (n) => `${PROGRAM} lint: ${n} input ${n === 1 ? 'problem' : 'problems'}; nothing was checked. Fix the input and run again.`);
  if (!loaded) return ExitCode.USAGE_OR_INPUT;

  const diagnostics = analyzeSources(loaded.sources, {
    rules,
    ignoreRules: args.ignore,
    ...meshModelOptions(args, meshConfig),
    ...(crds ? { crds } : {}),
  });

  const summary = { files: loaded.files, objects: loaded.sources.length };
  switch (args.format) {
    case 'json':
      io.stdout.write(formatJson(diagnostics));
      break;
    case 'sarif': {
      const ignored = new Set(args.ignore);
      io.stdout.write(formatSarif(diagnostics, { rules: rules.filter((r) => !ignored.has(r.id)), cwd: io.cwd, toolVersion: readVersion() }));
      break;
    }
    default:
      io.stdout.write(formatText(diagnostics, summary));
  }
  return failing(diagnostics, args.failOn) ? ExitCode.LINT_ERRORS : ExitCode.OK;
}

/** Parses `lint` arguments (see {@link scanArgs} for the form of options). */
function parseLintArgs(argv: readonly string[]): LintArgs {
  let format: OutputFormat = 'text';
  let failOn: FailOn = Severity.ERROR;
  const ignore: string[] = [];
  const mesh: MeshArgs = {};
  let crds: string | undefined;
  let maxFileBytes = DEFAULT_MAX_FILE_BYTES;
  let maxTotalBytes: number | undefined;
  let help = false;
  let version = false;
  let listRules = false;
  let explain: string | undefined;

  const paths = scanArgs(argv, (option) => {
    if (meshArg(option, mesh, "lower-case letters, digits and '-', at most 63 characters, e.g. shop")) return;
    const name = option.name;
    switch (name) {
      case '-f':
      case '--format':
        format = formatArg(option.value(), OUTPUT_FORMATS);
        break;
      case '--fail-on': {
        const v = option.value();
        if (!(FAIL_ON_VALUES as readonly string[]).includes(v)) {
          throw new UsageError(`--fail-on ${v}: use ${orList(FAIL_ON_VALUES)} (the least severe finding that makes lint exit 1)`);
        }
        failOn = v as FailOn;
        break;
      }
      case '-i':
      case '--ignore':
        ignore.push(...option.value().split(',').map((s) => s.trim()).filter((s) => s !== ''));
        break;
      case '--crds':
        crds = option.value();
        break;
      case '--max-bytes':
      case '--max-total-bytes': {
        const v = option.value();
        const bytes = parseByteSize(v);
        if (bytes === undefined) {
          throw new UsageError(`${name} ${v}: not a size; write bytes, or a number with KiB, MiB or GiB (e.g. ${name} 128MiB)`);
        }
        if (name === '--max-bytes') maxFileBytes = bytes;
        else maxTotalBytes = bytes;
        break;
      }
      case '--explain':
        explain = option.value();
        break;
      case '--list-rules':
        option.noValue();
        listRules = true;
        break;
      case '-h':
      case '--help':
        option.noValue();
        help = true;
        break;
      case '-v':
      case '--version':
        option.noValue();
        version = true;
        break;
      default:
        throw new UsageError(`unknown option '${name}'`);
    }
  });
  return {
    ...mesh,
    format,
    failOn,
    ignore,
    paths,
    crds,
    help,
    version,
    listRules,
    explain,
    maxFileBytes,
    // The total follows a raised per-file limit, so that --max-bytes alone lets one large file through.
    maxTotalBytes: maxTotalBytes ?? Math.max(DEFAULT_MAX_TOTAL_BYTES, maxFileBytes),
  };
}

function formatRuleList(rules: readonly Rule[]): string {
  if (rules.length === 0) return 'No rules are registered.\n';
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) =>
    [r.id.padEnd(idWidth), r.severity.padEnd(7), (r.istioCode ?? '-').padEnd(7), r.summary].join('  '),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * What `--explain` prints: id, severity, Istio's code (with its reference page), the summary,
 * the longer description when the rule has one, and the two ways to switch the rule off.
 */
export function formatRuleExplanation(rule: DescribedRule): string {
  const lines = [
    `${rule.id}`,
    `  severity:      ${rule.severity}${rule.severity === Severity.ERROR ? ' (fails lint and synth)' : ' (reported; fails only with --fail-on warning / failOnWarnings)'}`,
    `  istioctl code: ${rule.istioCode ? `${rule.istioCode}  ${istioCodeUrl(rule.istioCode)}` : 'none (istioctl analyze has no equivalent check)'}`,
    `  checks:        ${rule.summary}`,
  ];
  if (rule.docs) {
    lines.push('', ...rule.docs.trim().split('\n').map((l) => (l.trim() === '' ? '' : `  ${l}`)), '');
  }
  lines.push(
    `  switch off:    --ignore ${rule.id} (lint), ignoreRules (Mesh, validation plugin),`,
    `                 or for one object the annotation ${IGNORE_ANNOTATION}: "${rule.id}"`,
    '',
  );
  return lines.join('\n');
}

/** Reads standard input, stopping once it is longer than `limit` bytes (`yes | lint -` ends). */
async function readAll(stdin: NodeJS.ReadableStream | string, limit: number): Promise<Buffer> {
  if (typeof stdin === 'string') return Buffer.from(stdin, 'utf8');
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    chunks.push(buffer);
    length += buffer.length;
    if (length > limit) break; // leaving the loop stops reading
  }
  return Buffer.concat(chunks, length);
}

/** The package version, read from the package.json next to `lib/` (or `src/`). */
function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Entry point of the `cdk8s-istio` binary: runs {@link main} on the process arguments and sets
 * the exit code (without `process.exit`, so that output is flushed).
 */
export function runCli(options: CliOptions = {}): void {
  ownProcessHeap();
  // Piping into `head` closes stdout early; that is not an error worth a stack trace, nor is
  // any other failure to write (a full disk): say it in one line and exit 2.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`${PROGRAM}: cannot write the output: ${describeFsError(e)}\n`);
    process.exitCode = ExitCode.USAGE_OR_INPUT;
  });
  process.stderr.on('error', () => {
    process.exitCode = ExitCode.USAGE_OR_INPUT;
  });
  void main(process.argv.slice(2), {}, options).then((code) => {
    process.exitCode = code;
  });
}
