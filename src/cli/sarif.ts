import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { STDIN_NAME } from './load-manifests';
import { IGNORE_ANNOTATION } from '../analysis/analysis-run';
import { Diagnostic, Severity } from '../analysis/diagnostic';
import { Rule } from '../analysis/rule';

/** Version of the SARIF format written, and the schema that describes it. */
export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Key of the fingerprint each result carries, so code-scanning UIs track a finding across runs. */
export const FINGERPRINT_KEY = 'cdk8sIstioFinding/v1';

/** A rule as `--explain` and SARIF read it (every rule carries its `docs`). */
export type DescribedRule = Rule;

/** SARIF `level` of each severity (SARIF has no "info": its nearest level is "note"). */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export interface SarifOptions {
  /** The rules that ran: listed under `tool.driver.rules`, referenced by each result's `ruleIndex`. */
  readonly rules: readonly Rule[];
  /** Folder that artifact URIs are relative to (the folder lint ran in). */
  readonly cwd: string;
  /** Version of this package, for `tool.driver.version`. */
  readonly toolVersion: string;
}

/** Page of Istio's reference about an `istioctl analyze` message code, e.g. IST0101. */
export function istioCodeUrl(code: string): string {
  return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
}

/**
 * The diagnostics as a SARIF 2.1.0 log with one run, for code-scanning UIs (GitHub, GitLab,
 * VS Code's SARIF viewer):
 *
 * - `tool.driver.rules`: every rule that ran, with its summary, default level and Istio code;
 * - one result per diagnostic: rule, level, message (with the fix), the file relative to `cwd`
 *   and the line of the field (`physicalLocation`), and the object and JSON path of the field
 *   (`logicalLocations`). Input read from stdin has no file, so only its logical location.
 */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const rules = options.rules as readonly DescribedRule[];
  const index = new Map<string, number>();
  rules.forEach((r, i) => index.set(r.id, i));

  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: 'cdk8s-istio',
            semanticVersion: options.toolVersion,
            informationUri: 'https://github.com/cdk8s-istio/cdk8s-istio',
            rules: rules.map(sarifRule),
          },
        },
        results: diagnostics.map((d) => sarifResult(d, index.get(d.ruleId), options.cwd)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(rule: DescribedRule) {
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    ...(rule.docs ? { fullDescription: { text: rule.docs } } : {}),
    help: {
      text:
        `${rule.docs || rule.summary} ` +
        (rule.istioCode ? `istioctl analyze reports the same as ${rule.istioCode} (${istioCodeUrl(rule.istioCode)}). ` : '') +
        `To accept a finding, pass --ignore ${rule.id}, or annotate the object with ${IGNORE_ANNOTATION}: "${rule.id}".`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ['istio', rule.id.slice(0, rule.id.indexOf('-') > 0 ? rule.id.indexOf('-') : undefined)],
      ...(rule.istioCode ? { istioCode: rule.istioCode } : {}),
    },
  };
}

function sarifResult(d: Diagnostic, ruleIndex: number | undefined, cwd: string) {
  const ns = d.resource.namespace ? `${d.resource.namespace}/` : '';
  const object = `${d.resource.kind} ${ns}${d.resource.name}`;
  const uri = d.file !== undefined && d.file !== STDIN_NAME ? artifactUri(d.file, cwd) : undefined;
  return {
    ruleId: d.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.fix ? `${d.message} Fix: ${d.fix}` : d.message },
    locations: [
      {
        ...(uri !== undefined
          ? {
            physicalLocation: {
              artifactLocation: { uri },
              ...(d.line !== undefined ? { region: { startLine: d.line } } : {}),
            },
          }
          : {}),
        logicalLocations: [
          {
            name: d.path === '' ? d.resource.name : d.path,
            fullyQualifiedName: d.path === '' ? object : `${object} ${d.path}`,
            kind: d.path === '' ? 'object' : 'property',
          },
        ],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d) },
    properties: {
      severity: d.severity,
      resource: {
        apiVersion: d.resource.apiVersion,
        kind: d.resource.kind,
        ...(d.resource.namespace ? { namespace: d.resource.namespace } : {}),
        name: d.resource.name,
      },
      path: d.path,
      ...(d.istioCode ? { istioCode: d.istioCode } : {}),
      ...(d.constructPath ? { constructPath: d.constructPath } : {}),
    },
  };
}

/**
 * The file as a URI reference relative to `cwd`, with `/` separators and each segment
 * percent-encoded (`my dir/a.yaml` → `my%20dir/a.yaml`). A file on another drive (Windows)
 * cannot be relative and becomes a `file:` URI.
 */
export function artifactUri(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (path.isAbsolute(relative)) return pathToFileURL(absolute).href;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

/** Stable across runs and line moves: rule, object, field and message; not the line or file. */
function fingerprint(d: Diagnostic): string {
  const r = d.resource;
  return createHash('sha256')
    .update(JSON.stringify([d.ruleId, r.apiVersion.split('/')[0], r.kind, r.namespace ?? '', r.name, d.path, d.message]))
    .digest('hex')
    .slice(0, 32);
}
