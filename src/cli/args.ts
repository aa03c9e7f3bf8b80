/**
 * What the `lint` and `simulate` commands share: how options are read from the command line,
 * how common values are checked, and how the inputs (manifests, mesh config) are loaded and
 * their problems printed. Each command keeps its own options and messages on top of these.
 */
import * as path from 'path';
import { formatInputProblem } from './format';
import { loadManifests, LoadOptions, LoadResult, STDIN_ARG } from './load-manifests';
import { MeshConfigFileError, MeshConfigSetting } from '../analysis/mesh-config-file';

export const PROGRAM = 'cdk8s-istio';

/** Exit codes of the command line. */
export enum ExitCode {
  /** No error diagnostics (warnings and infos may have been reported, unless `--fail-on warning`). */
  OK = 0,
  /** At least one error diagnostic (or warning, with `--fail-on warning`). */
  LINT_ERRORS = 1,
  /** The input could not be read or parsed, or the arguments are wrong: the command did not run. */
  USAGE_OR_INPUT = 2,
}

/** Something `write` can be called on: `process.stdout`, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
}

/** A wrong command line: the message says what is wrong, and the caller adds where to get help. */
export class UsageError extends Error {}

/** One option met on the command line, with the means to take its value. */
export interface OptionArg {
  /** The option as written, without an `=value` part: `-f`, `--format`. */
  readonly name: string;
  /** Its value: after `=`, or the next argument. @throws UsageError when there is none */
  value(): string;
  /** @throws UsageError when a value was given with `=` */
  noValue(): void;
}

export interface ScanOptions {
  /**
   * Whether the argument after an option may be its value even when it starts with `-`
   * (`simulate` takes it; `lint` says the option needs a value, `-` alone being a path).
   * @default false
   */
  readonly valueMayStartWithDash?: boolean;
}

/**
 * Reads a command line: calls `onOption` for each option and returns the paths. Options take
 * their value as the next argument or after `=` (`--format json`, `--format=json`, `-f json`);
 * `--` ends the options; `-` is a path (standard input).
 */
export function scanArgs(argv: readonly string[], onOption: (option: OptionArg) => void, options: ScanOptions = {}): string[] {
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) paths.push(rest); // no spread: xargs can pass 100,000+ paths
      break;
    }
    if (arg === STDIN_ARG || !arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    onOption({
      name,
      value: () => {
        if (inline !== undefined) {
          if (inline === '') throw new UsageError(`option ${name} needs a value`);
          return inline;
        }
        const next = argv[i + 1];
        if (next === undefined || (!options.valueMayStartWithDash && next.startsWith('-') && next !== STDIN_ARG)) {
          throw new UsageError(`option ${name} needs a value`);
        }
        i++;
        return next;
      },
      noValue: () => {
        if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
      },
    });
  }
  return paths;
}

/** `a or b`, `a, b or c`. */
export function orList(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** The value of `-f/--format`, one of `formats`. @throws UsageError naming the formats */
export function formatArg<F extends string>(value: string, formats: readonly F[]): F {
  if (!(formats as readonly string[]).includes(value)) throw new UsageError(`unknown format '${value}'; use ${orList(formats)}`);
  return value as F;
}

/** The form of a Kubernetes namespace name (DNS-1123 label), its length aside. */
export const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `value` is a Kubernetes namespace name (form and length). */
export function isNamespaceName(value: string): boolean {
  return NAMESPACE_NAME.test(value) && value.length <= 63;
}

/** The options both commands take that describe the mesh the inputs are read into. */
export interface MeshArgs {
  namespace?: string;
  rootNamespace?: string;
  clusterDomain?: string;
  meshConfig?: string;
}

/**
 * Takes `option` into `args` when it is one of the {@link MeshArgs} options: `-n/--namespace`,
 * `--root-namespace`, `--cluster-domain` and `--mesh-config`. `namespaceRule` ends the message
 * for a value that is not a namespace name (each command keeps its own wording of the rule).
 * @returns whether the option was one of them
 */
export function meshArg(option: OptionArg, args: MeshArgs, namespaceRule: string): boolean {
  switch (option.name) {
    case '-n':
    case '--namespace': {
      const v = option.value();
      if (!isNamespaceName(v)) throw new UsageError(`${option.name} ${v}: not a namespace name (${namespaceRule})`);
      args.namespace = v;
      return true;
    }
    case '--root-namespace':
      args.rootNamespace = option.value();
      return true;
    case '--cluster-domain':
      args.clusterDomain = option.value();
      return true;
    case '--mesh-config':
      args.meshConfig = option.value();
      return true;
    default:
      return false;
  }
}

/** The {@link MeshArgs} as options of the mesh model (analysis or simulation), those given only. */
export function meshModelOptions(args: MeshArgs, meshConfig: MeshConfigSetting | undefined): {
  clusterDomain?: string; rootNamespace?: string; defaultNamespace?: string; meshConfig?: MeshConfigSetting;
} {
  return {
    ...(args.clusterDomain !== undefined ? { clusterDomain: args.clusterDomain } : {}),
    ...(args.rootNamespace !== undefined ? { rootNamespace: args.rootNamespace } : {}),
    ...(args.namespace !== undefined ? { defaultNamespace: args.namespace } : {}),
    ...(meshConfig ? { meshConfig } : {}),
  };
}

/** Prints a usage error of `command` and where to get help; returns the exit code. */
export function usageError(stderr: OutputStream, command: string, message: string): number {
  stderr.write(`${PROGRAM} ${command}: ${message}\n`);
  stderr.write(`Run '${PROGRAM} ${command} --help' for usage.\n`);
  return ExitCode.USAGE_OR_INPUT;
}

/** The usage error of a command line with no path. */
export const NO_INPUT_MESSAGE = 'no input given. Pass one or more files or folders, or - to read standard input.';

/**
 * Reads `--mesh-config FILE` (relative to `cwd`) with `read`; prints why it cannot and returns
 * the exit code instead when the file is wrong.
 */
export function readMeshConfigOption(
  command: string, file: string, cwd: string, stderr: OutputStream,
  read: (absolutePath: string, displayName: string) => MeshConfigSetting,
): MeshConfigSetting | number {
  try {
    return read(path.resolve(cwd, file), file);
  } catch (e) {
    if (!(e instanceof MeshConfigFileError)) throw e;
    stderr.write(`${PROGRAM} ${command}: --mesh-config: ${e.message}\n`);
    return ExitCode.USAGE_OR_INPUT;
  }
}

/**
 * Loads the manifests in `paths` and prints their notes and problems. Returns undefined when an
 * input could not be read: the caller then says in `failure` (one line) that it did nothing.
 */
export async function loadInputs(
  paths: readonly string[], options: LoadOptions, stderr: OutputStream, failure: (problems: number) => string,
): Promise<LoadResult | undefined> {
  const loaded = await loadManifests(paths, options);
  for (const note of loaded.notes) stderr.write(formatInputProblem(note, 'note: '));
  if (loaded.errors.length === 0) return loaded;
  for (const problem of loaded.errors) stderr.write(formatInputProblem(problem, 'error: '));
  stderr.write(`${failure(loaded.errors.length)}\n`);
  return undefined;
}
