import { InputProblem } from './load-manifests';
import { Diagnostic, Severity } from '../analysis/diagnostic';

/** Output formats of `cdk8s-istio lint`. */
export type OutputFormat = 'text' | 'json' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** What was analysed, for the summary line. */
export interface LintSummary {
  /** Names of the files read, in input order (diagnostics are grouped in this order). */
  readonly files: readonly string[];
  /** Number of Kubernetes objects analysed. */
  readonly objects: number;
}

/**
 * One diagnostic in `--format json`. Every key is always present; a value that is unknown or
 * does not apply is `null` (never omitted), so consumers can rely on the shape.
 */
export interface JsonDiagnostic {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string | null;
  readonly resource: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly namespace: string | null;
    readonly name: string;
  };
  /** JSON path of the field at fault; `""` for the whole object. */
  readonly path: string;
  readonly istioCode: string | null;
  readonly line: number | null;
  readonly fix: string | null;
}

/** The whole `--format json` output. */
export interface JsonReport {
  readonly diagnostics: JsonDiagnostic[];
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file ?? null,
    resource: {
      apiVersion: d.resource.apiVersion,
      kind: d.resource.kind,
      namespace: d.resource.namespace ?? null,
      name: d.resource.name,
    },
    path: d.path,
    istioCode: d.istioCode ?? null,
    line: d.line ?? null,
    fix: d.fix ?? null,
  };
}

/** `{"diagnostics":[…]}`, pretty-printed, with a trailing newline. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const report: JsonReport = { diagnostics: diagnostics.map(toJsonDiagnostic) };
  return `${JSON.stringify(report, null, 2)}\n`;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_WIDTH = Math.max(...Object.values(Severity).map((s) => s.length));
const NO_FILE = '(no file)';

/**
 * Human-readable report: diagnostics grouped by file (in input order, a blank line between
 * files), within a file by line, one per line:
 *
 *   `file:line  severity  ruleId [ISTcode]  Kind ns/name  path  message  Fix: …`
 *
 * then a summary line. With no diagnostics, only a short line saying that nothing was found.
 */
export function formatText(diagnostics: readonly Diagnostic[], summary: LintSummary): string {
  const scope = `${plural(summary.files.length, 'file')} (${plural(summary.objects, 'object')})`;
  if (diagnostics.length === 0) {
    return `No problems found in ${scope}.\n`;
  }

  const groups = new Map<string, Diagnostic[]>();
  for (const file of summary.files) groups.set(file, []);
  for (const d of diagnostics) {
    const key = d.file ?? NO_FILE;
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }

  const blocks: string[] = [];
  for (const list of groups.values()) {
    if (list.length === 0) continue;
    const sorted = [...list].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
    );
    blocks.push(sorted.map(formatTextLine).join('\n'));
  }

  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const totals = `${plural(count(Severity.ERROR), 'error')}, ${plural(count(Severity.WARNING), 'warning')}, ${plural(count(Severity.INFO), 'info')}`;
  return `${blocks.join('\n\n')}\n\n${totals} in ${scope}\n`;
}

/** One diagnostic as one line of the text report. */
export function formatTextLine(d: Diagnostic): string {
  const where = d.file ? (d.line !== undefined ? `${d.file}:${d.line}` : d.file) : NO_FILE;
  const code = d.istioCode ? ` [${d.istioCode}]` : '';
  const ns = d.resource.namespace ? `${d.resource.namespace}/` : '';
  const columns = [
    where,
    d.severity.padEnd(SEVERITY_WIDTH),
    `${d.ruleId}${code}`,
    `${d.resource.kind} ${ns}${d.resource.name}`,
    ...(d.path ? [d.path] : []),
    d.message,
    ...(d.fix ? [`Fix: ${d.fix}`] : []),
  ];
  return columns.join('  ');
}

/** An input problem as `file:line:column: message`, with the offending line quoted under it. */
export function formatInputProblem(p: InputProblem, prefix: string): string {
  const pos = p.line !== undefined ? (p.column !== undefined ? `:${p.line}:${p.column}` : `:${p.line}`) : '';
  let out = `${p.file}${pos}: ${prefix}${p.message}\n`;
  if (p.excerpt !== undefined && p.line !== undefined) {
    const gutter = `${p.line} | `;
    out += `    ${gutter}${p.excerpt}\n`;
    if (p.column !== undefined) {
      // Keep tabs so that the caret lines up under the column in any tab width.
      const lead = p.excerpt.slice(0, p.column - 1).replace(/[^\t]/g, ' ');
      out += `    ${' '.repeat(gutter.length)}${lead}^\n`;
    }
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
