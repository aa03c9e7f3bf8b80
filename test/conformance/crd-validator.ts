/**
 * An independent schema validator for tests: a CRD file (Istio's, the Gateway API's) compiled
 * with ajv.
 *
 * It deliberately shares no code with the library's field table or analysis engine, so that tests
 * can check the library's output (and its schema rules) against the CRDs' schemas directly.
 *
 * Kubernetes semantics it reproduces:
 * - strict field validation: an object schema that lists `properties` (and neither
 *   `additionalProperties` nor `x-kubernetes-preserve-unknown-fields`) rejects other fields;
 * - `x-kubernetes-int-or-string`: an integer or a string;
 * - apiVersion/kind must match the CRD, metadata.name is a required string; with
 *   `strictMetadata`, metadata holds nothing but name, namespace, labels and annotations.
 * CEL rules (`x-kubernetes-validations`) are not run.
 */
import * as fs from 'fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';

interface CrdVersion {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly schema: any;
}

export interface CrdFileValidatorOptions {
  /**
   * Reject metadata fields other than name, namespace, labels and annotations, so that a typo
   * there fails too (the objects tested never carry the API server's own metadata fields).
   * @default false
   */
  readonly strictMetadata?: boolean;
}

let ajv: Ajv | undefined;

function key(group: string, kind: string, version: string): string {
  return `${group}/${version}/${kind}`;
}

/** Rewrites a CRD schema into plain JSON Schema with the API server's strictness. */
export function strictify(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'description' || k === 'x-kubernetes-validations') continue;
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as object).map(([name, sub]) => [name, strictify(sub)]));
    } else if (k === 'items' || k === 'not' || (k === 'additionalProperties' && typeof v === 'object')) {
      out[k] = strictify(v);
    } else if (k === 'oneOf' || k === 'anyOf' || k === 'allOf') {
      out[k] = (v as any[]).map(strictify);
    } else {
      out[k] = v;
    }
  }
  if (out['x-kubernetes-int-or-string']) {
    delete out.type;
    if (!out.anyOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

export function getAjv(): Ajv {
  if (ajv) return ajv;
  const a = new Ajv({ strict: false, allErrors: true });
  a.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  a.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  a.addFormat('double', { type: 'number', validate: () => true });
  a.addFormat('float', { type: 'number', validate: () => true });
  a.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  a.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  // Flagger's CRD names two formats ajv does not know: `string` (any string) and `url`.
  a.addFormat('string', true);
  a.addFormat('url', (s: string) => {
    try {
      return new URL(s).protocol !== '';
    } catch {
      return false;
    }
  });
  ajv = a;
  return a;
}

/** The whole object's schema: the CRD's, under the apiVersion, kind and metadata every object has. */
function compileCrd(crd: CrdVersion, strictMetadata: boolean): ValidateFunction {
  const body = strictify(crd.schema);
  return getAjv().compile({
    ...body,
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', ...(body.required ?? [])],
    properties: {
      ...body.properties,
      apiVersion: { type: 'string', const: `${crd.group}/${crd.version}` },
      kind: { type: 'string', const: crd.kind },
      metadata: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          namespace: { type: 'string' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          annotations: { type: 'object', additionalProperties: { type: 'string' } },
        },
        ...(strictMetadata ? { additionalProperties: false } : {}),
      },
    },
    additionalProperties: false,
  });
}

export function describeError(e: ErrorObject): string {
  const at = e.instancePath === '' ? '(root)' : e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${at}: unknown field "${(e.params as any).additionalProperty}"`;
    case 'required':
      return `${at}: missing required field "${(e.params as any).missingProperty}"`;
    case 'enum':
      return `${at}: ${e.message} (${((e.params as any).allowedValues as unknown[]).join(', ')})`;
    default:
      return `${at}: ${e.message}`;
  }
}

/** The CRDs of one or more files, compiled on first use. */
export class CrdFileValidator {
  private index?: Map<string, CrdVersion>;
  private groups?: Set<string>;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly files: readonly string[];

  /**
   * @param files the CRD file or files (multi-document YAML)
   * @param label how messages name the CRDs, e.g. `Istio`
   */
  constructor(files: string | readonly string[], public readonly label: string, private readonly options: CrdFileValidatorOptions = {}) {
    this.files = typeof files === 'string' ? [files] : files;
  }

  /** Whether a CRD of the files serves this apiVersion (`group/version`) and kind. */
  public serves(apiVersion: string, kind: string): boolean {
    return this.load().has(`${apiVersion}/${kind}`);
  }

  /**
   * Validates one object against the CRD schema of its apiVersion and kind.
   * @returns the errors (empty when valid); always empty for objects outside the file's API groups
   */
  public validate(obj: any): string[] {
    const index = this.load();
    if (typeof obj !== 'object' || obj === null || typeof obj.apiVersion !== 'string') return [];
    const slash = obj.apiVersion.indexOf('/');
    if (slash < 0) return [];
    const group = obj.apiVersion.slice(0, slash);
    const version = obj.apiVersion.slice(slash + 1);
    if (!this.groups!.has(group)) return [];
    const crd = index.get(key(group, obj.kind, version));
    if (!crd) {
      const versions = [...index.values()].filter((c) => c.group === group && c.kind === obj.kind).map((c) => c.version);
      return versions.length > 0
        ? [`/apiVersion: ${obj.kind} is not served at ${obj.apiVersion} (served: ${versions.join(', ')})`]
        : [`/kind: ${group} has no kind ${obj.kind}`];
    }
    let fn = this.compiled.get(key(group, obj.kind, version));
    if (!fn) {
      fn = compileCrd(crd, this.options.strictMetadata ?? false);
      this.compiled.set(key(group, obj.kind, version), fn);
    }
    if (fn(obj)) return [];
    return (fn.errors ?? []).map(describeError);
  }

  /** Fails (throws) listing every schema error of every object, with kind, name and path. */
  public expectValid(objects: any[]): void {
    const problems: string[] = [];
    for (const obj of objects) {
      const errors = this.validate(obj);
      if (errors.length === 0) continue;
      const ns = obj?.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
      const id = `${obj?.kind ?? '?'} ${ns}${obj?.metadata?.name ?? '?'}`;
      for (const e of errors) problems.push(`${id} ${e}`);
    }
    if (problems.length > 0) {
      throw new Error(`${this.label} CRD schema violations (${problems.length}):\n  ${problems.join('\n  ')}`);
    }
  }

  /** Whether the file defines objects of this API group. */
  public hasGroup(group: string): boolean {
    this.load();
    return this.groups!.has(group);
  }

  private load(): Map<string, CrdVersion> {
    if (this.index) return this.index;
    const index = new Map<string, CrdVersion>();
    const gs = new Set<string>();
    for (const file of this.files) {
      if (!fs.existsSync(file)) {
        throw new Error(`${this.label} CRD file not found: ${file}. The conformance tests read the CRDs from ../shared/ next to the project.`);
      }
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const crd = doc.toJS({ maxAliasCount: -1 });
        if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
        gs.add(crd.spec.group);
        for (const v of crd.spec.versions) {
          if (!v.served) continue;
          index.set(key(crd.spec.group, crd.spec.names.kind, v.name), {
            group: crd.spec.group,
            kind: crd.spec.names.kind,
            version: v.name,
            schema: v.schema.openAPIV3Schema,
          });
        }
      }
    }
    this.index = index;
    this.groups = gs;
    return index;
  }
}
