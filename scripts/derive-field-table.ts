/**
 * Derives the Istio field table (src/analysis/schema/istio-fields.generated.ts) from an Istio
 * CustomResourceDefinition file.
 *
 *   npx ts-node --project test/tsconfig.json scripts/derive-field-table.ts [crdFile] [outFile]
 *
 * Defaults: crdFile `../shared/istio-crds/istio-1.30.3.yaml`, outFile
 * `src/analysis/schema/istio-fields.generated.ts` (both relative to the project root).
 *
 * The derivation itself ({@link deriveFieldTable}, {@link renderFieldTableModule}) is pure, so that
 * a test can check the committed table against the CRD file.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { CelValidation, FieldTable, KindEntry, KindVersion, SchemaNode } from '../src/analysis/schema/table-types';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_CRD_FILE = path.resolve(PROJECT_ROOT, '../shared/istio-crds/istio-1.30.3.yaml');
export const DEFAULT_OUT_FILE = path.resolve(PROJECT_ROOT, 'src/analysis/schema/istio-fields.generated.ts');

/** Keywords that carry no validation and are dropped. */
const DROPPED_KEYWORDS = new Set(['description', 'title', 'example', 'externalDocs', 'x-kubernetes-map-type']);

/** Keywords copied as they are (scalar or list of scalars), under the same name. */
const COPIED_KEYWORDS = [
  'type', 'required', 'enum', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties',
  'maxProperties', 'nullable', 'default',
] as const;

/** Keywords renamed in the table. */
const RENAMED_KEYWORDS: Record<string, string> = {
  'x-kubernetes-int-or-string': 'intOrString',
  'x-kubernetes-preserve-unknown-fields': 'preserveUnknown',
  'x-kubernetes-list-type': 'listType',
  'x-kubernetes-list-map-keys': 'listMapKeys',
};

/** Keywords whose value is a sub-schema or a list of sub-schemas (handled structurally). */
const STRUCTURAL_KEYWORDS = new Set([
  'properties', 'items', 'additionalProperties', 'oneOf', 'anyOf', 'allOf', 'not', 'x-kubernetes-validations',
]);

/** Order in which node keys are written, so that equal schemas serialise (and dedupe) equally. */
const NODE_KEY_ORDER: ReadonlyArray<keyof SchemaNode> = [
  'type', 'props', 'required', 'enum', 'items', 'additional', 'format', 'pattern', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'nullable', 'default', 'intOrString', 'preserveUnknown', 'listType',
  'listMapKeys', 'oneOf', 'anyOf', 'allOf', 'not', 'validations',
];

const VALIDATION_KEYS: ReadonlyArray<keyof CelValidation> = [
  'rule', 'message', 'messageExpression', 'reason', 'fieldPath', 'optionalOldSelf',
];

/** Interns schema nodes: structurally equal nodes get one index. */
class NodePool {
  public readonly nodes: SchemaNode[] = [];
  private readonly index = new Map<string, number>();

  public intern(node: SchemaNode): number {
    const key = serializeNode(node);
    const found = this.index.get(key);
    if (found !== undefined) return found;
    const i = this.nodes.length;
    this.nodes.push(node);
    this.index.set(key, i);
    return i;
  }

  /** Compacts one OpenAPI schema (recursively) and returns its node index. */
  public add(schema: any, where: string): number {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw new Error(`${where}: expected a schema object, got ${JSON.stringify(schema)}`);
    }
    const node: Record<string, unknown> = {};
    for (const key of Object.keys(schema)) {
      if (DROPPED_KEYWORDS.has(key) || STRUCTURAL_KEYWORDS.has(key)) continue;
      if ((COPIED_KEYWORDS as readonly string[]).includes(key)) {
        node[key] = schema[key];
      } else if (key in RENAMED_KEYWORDS) {
        node[RENAMED_KEYWORDS[key]] = schema[key];
      } else {
        throw new Error(`${where}: schema keyword '${key}' is not handled by derive-field-table; teach it (keep or drop)`);
      }
    }
    if (schema.properties !== undefined) {
      const props: Record<string, number> = {};
      for (const [name, sub] of Object.entries(schema.properties)) {
        props[name] = this.add(sub, `${where}.${name}`);
      }
      node.props = props;
    }
    if (schema.items !== undefined) {
      node.items = this.add(schema.items, `${where}[]`);
    }
    if (schema.additionalProperties !== undefined) {
      node.additional = typeof schema.additionalProperties === 'boolean'
        ? schema.additionalProperties
        : this.add(schema.additionalProperties, `${where}.*`);
    }
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      if (schema[key] !== undefined) {
        node[key] = (schema[key] as any[]).map((sub, i) => this.add(sub, `${where}/${key}[${i}]`));
      }
    }
    if (schema.not !== undefined) {
      node.not = this.add(schema.not, `${where}/not`);
    }
    if (schema['x-kubernetes-validations'] !== undefined) {
      node.validations = (schema['x-kubernetes-validations'] as any[]).map((v) => {
        const out: Record<string, unknown> = {};
        for (const k of VALIDATION_KEYS) {
          if (v[k] !== undefined) out[k] = v[k];
        }
        return out as unknown as CelValidation;
      });
    }
    return this.intern(node as SchemaNode);
  }
}

/** Serialises a node as one line of JSON with keys in a fixed order. */
function serializeNode(node: SchemaNode): string {
  const ordered: Record<string, unknown> = {};
  for (const key of NODE_KEY_ORDER) {
    if (node[key] !== undefined) ordered[key] = node[key];
  }
  const extra = Object.keys(node).filter((k) => !(NODE_KEY_ORDER as readonly string[]).includes(k));
  if (extra.length > 0) throw new Error(`node has keys outside NODE_KEY_ORDER: ${extra.join(', ')}`);
  return JSON.stringify(ordered);
}

/**
 * Derives the field table from the text of a CRD file (multi-document YAML). Pure: the same text
 * and source label always give the same table.
 * @param crdYaml the CRD file's content
 * @param source how the table's header names the file (a path relative to the project root)
 */
export function deriveFieldTable(crdYaml: string, source: string): FieldTable {
  const pool = new NodePool();
  const kinds: KindEntry[] = [];
  const docs = parseAllDocuments(crdYaml);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(`YAML error in ${source}: ${doc.errors[0].message}`);
    }
    const crd = doc.toJS({ maxAliasCount: -1 });
    if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
    const spec = crd.spec;
    const versions: KindVersion[] = [];
    for (const v of spec.versions ?? []) {
      if (!v.served) continue;
      const schema = v.schema?.openAPIV3Schema;
      if (!schema) {
        throw new Error(`${spec.names.kind} ${v.name}: no openAPIV3Schema`);
      }
      versions.push({
        name: v.name,
        storage: v.storage === true,
        ...(v.deprecated ? { deprecated: true } : {}),
        ...(v.deprecationWarning ? { deprecationWarning: v.deprecationWarning } : {}),
        root: pool.add(schema, `${spec.names.kind}/${v.name}`),
      });
    }
    kinds.push({
      group: spec.group,
      kind: spec.names.kind,
      plural: spec.names.plural,
      scope: spec.scope,
      versions,
    });
  }
  if (kinds.length === 0) {
    throw new Error(`${source} holds no CustomResourceDefinition`);
  }
  return {
    source,
    sha256: createHash('sha256').update(crdYaml).digest('hex'),
    kinds,
    nodes: pool.nodes.map((n) => JSON.parse(serializeNode(n))),
  };
}

/** Renders the table as the TypeScript module committed under src/. */
export function renderFieldTableModule(table: FieldTable): string {
  const lines: string[] = [];
  lines.push('// Generated by scripts/derive-field-table.ts. DO NOT EDIT.');
  lines.push(`// Source: ${table.source} (sha256 ${table.sha256}).`);
  lines.push('// Field table of Istio\'s CRD schemas: descriptions dropped, equal sub-schemas stored once.');
  lines.push('// Regenerate: npx ts-node --project test/tsconfig.json scripts/derive-field-table.ts [crdFile] [outFile]');
  lines.push('/* eslint-disable */');
  lines.push('import type { FieldTable } from \'./table-types\';');
  lines.push('');
  lines.push('export const ISTIO_FIELD_TABLE: FieldTable = {');
  lines.push(`  source: ${JSON.stringify(table.source)},`);
  lines.push(`  sha256: ${JSON.stringify(table.sha256)},`);
  lines.push('  kinds: [');
  for (const k of table.kinds) {
    lines.push(`    ${JSON.stringify(k)},`);
  }
  lines.push('  ],');
  lines.push('  nodes: [');
  table.nodes.forEach((n, i) => {
    lines.push(`    /* ${i} */ ${serializeNode(n)},`);
  });
  lines.push('  ],');
  lines.push('};');
  lines.push('');
  return lines.join('\n');
}

/** Reads a CRD file and renders the module; `source` in the header is relative to the project root. */
export function deriveFieldTableModuleFromFile(crdFile: string): string {
  const text = fs.readFileSync(crdFile, 'utf8');
  const source = path.relative(PROJECT_ROOT, path.resolve(crdFile)).split(path.sep).join('/');
  return renderFieldTableModule(deriveFieldTable(text, source));
}

function main(argv: string[]): void {
  const crdFile = path.resolve(argv[0] ?? DEFAULT_CRD_FILE);
  const outFile = path.resolve(argv[1] ?? DEFAULT_OUT_FILE);
  if (!fs.existsSync(crdFile)) {
    throw new Error(`CRD file not found: ${crdFile} (pass the path of Istio's customresourcedefinitions YAML)`);
  }
  const text = deriveFieldTableModuleFromFile(crdFile);
  fs.writeFileSync(outFile, text);
  const kinds = (text.match(/^ {4}\{"group"/gm) ?? []).length;
  process.stdout.write(`wrote ${path.relative(process.cwd(), outFile)}: ${kinds} kinds, ${(text.length / 1024).toFixed(1)} KiB\n`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`derive-field-table: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
