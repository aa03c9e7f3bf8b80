/**
 * Turns a file of Kubernetes CustomResourceDefinitions into a field table (see
 * `schema/table-types.ts`): the OpenAPI v3 schema of every served version, without descriptions,
 * with equal sub-schemas stored once.
 *
 * One implementation for both uses: `scripts/derive-field-table.ts` writes the built-in table of
 * the Istio version this library targets, and `lint --crds FILE` / Mesh `crdFile` derive a table
 * at runtime from the CRDs of the Istio version the user runs.
 */
import { createHash } from 'crypto';
import { parseAllDocuments } from 'yaml';
import type { CelValidation, FieldTable, KindEntry, KindVersion, SchemaNode } from '../schema/table-types';

/** Keywords that carry no validation and are dropped. */
const DROPPED_KEYWORDS = new Set(['description', 'title', 'example', 'externalDocs', 'x-kubernetes-map-type']);

/** Keywords copied as they are (scalar or list of scalars), under the same name. */
const COPIED_KEYWORDS = new Set([
  'type', 'required', 'enum', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties',
  'maxProperties', 'nullable', 'default',
]);

/** Keywords renamed in the table. */
const RENAMED_KEYWORDS: Record<string, keyof SchemaNode> = {
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

/** Options of {@link deriveFieldTable}. */
export interface DeriveOptions {
  /**
   * Called for a schema keyword the table has no place for, instead of failing. The keyword is
   * then left out of the table (its constraint is not checked).
   * @default - such a keyword is an error
   */
  readonly onUnknownKeyword?: (keyword: string, where: string) => void;
}

/** A CRD file that cannot be turned into a field table; the message says where and why. */
export class CrdParseError extends Error {}

/** Interns schema nodes: structurally equal nodes get one index. */
class NodePool {
  public readonly nodes: SchemaNode[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly options: DeriveOptions) {}

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
      throw new CrdParseError(`${where}: expected a schema object, got ${JSON.stringify(schema)}`);
    }
    const node: Record<string, unknown> = {};
    for (const key of Object.keys(schema)) {
      if (DROPPED_KEYWORDS.has(key) || STRUCTURAL_KEYWORDS.has(key)) continue;
      if (COPIED_KEYWORDS.has(key)) {
        node[key] = schema[key];
      } else if (key in RENAMED_KEYWORDS) {
        node[RENAMED_KEYWORDS[key]] = schema[key];
      } else if (this.options.onUnknownKeyword) {
        this.options.onUnknownKeyword(key, where);
      } else {
        throw new CrdParseError(`${where}: schema keyword '${key}' is not handled by derive-field-table; teach it (keep or drop)`);
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
        if (!Array.isArray(schema[key])) throw new CrdParseError(`${where}: ${key} must be a list of schemas`);
        node[key] = (schema[key] as any[]).map((sub, i) => this.add(sub, `${where}/${key}[${i}]`));
      }
    }
    if (schema.not !== undefined) {
      node.not = this.add(schema.not, `${where}/not`);
    }
    if (schema['x-kubernetes-validations'] !== undefined) {
      const list = schema['x-kubernetes-validations'];
      if (!Array.isArray(list)) throw new CrdParseError(`${where}: x-kubernetes-validations must be a list of rules`);
      node.validations = list.map((v, i) => {
        if (typeof v?.rule !== 'string') {
          throw new CrdParseError(`${where}: x-kubernetes-validations[${i}] has no rule`);
        }
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
export function serializeNode(node: SchemaNode): string {
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
 * and source label always give the same table. Documents that are not CustomResourceDefinitions
 * are skipped; versions that are not served are left out.
 * @param crdYaml the CRD file's content
 * @param source how the table names the file (e.g. a path relative to the project root)
 * @throws CrdParseError when the YAML is broken, a CRD lacks a schema, or the file holds no CRD
 */
export function deriveFieldTable(crdYaml: string, source: string, options: DeriveOptions = {}): FieldTable {
  const pool = new NodePool(options);
  const kinds: KindEntry[] = [];
  const docs = parseAllDocuments(crdYaml);
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new CrdParseError(`YAML error in ${source}: ${doc.errors[0].message}`);
    }
    const crd = doc.toJS({ maxAliasCount: -1 });
    if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
    const spec = crd.spec;
    const name = crd.metadata?.name ?? '(unnamed)';
    if (!spec || typeof spec.group !== 'string' || typeof spec.names?.kind !== 'string') {
      throw new CrdParseError(`${source}: CustomResourceDefinition ${name} has no spec.group or spec.names.kind`);
    }
    if (!Array.isArray(spec.versions)) {
      throw new CrdParseError(`${source}: CustomResourceDefinition ${name} has no spec.versions list (only apiextensions.k8s.io/v1 CRDs are supported)`);
    }
    const versions: KindVersion[] = [];
    for (const v of spec.versions) {
      if (!v.served) continue;
      const schema = v.schema?.openAPIV3Schema;
      if (!schema) {
        throw new CrdParseError(`${source}: ${spec.names.kind} ${v.name}: no openAPIV3Schema`);
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
    throw new CrdParseError(`${source} holds no CustomResourceDefinition`);
  }
  return {
    source,
    sha256: createHash('sha256').update(crdYaml).digest('hex'),
    kinds,
    nodes: pool.nodes.map((n) => JSON.parse(serializeNode(n))),
  };
}
