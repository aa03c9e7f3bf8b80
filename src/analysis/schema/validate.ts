import { RE2JS } from 're2js';
import { Severity } from '../diagnostic';
import { SchemaIssue, SchemaRuleId } from './issue';
import { checkMetadata } from './metadata';
import { formatPath, PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord } from '../manifest';
import { andList, closestNames, MatchKind, normalizeName, orList, toCamelCase } from '../text';
import { FieldTableLookup, ISTIO_FIELDS, isIstioGroup, SchemaNode, SchemaType } from './field-table';

export type { SchemaIssue, SchemaRuleId } from './issue';

type Segs = Array<string | number>;

type ReportFn = (rule: SchemaRuleId, path: Segs, message: string, fix?: string) => void;

/** JSON type of a value as a schema sees it (`integer` for whole numbers). */
export type JsonType = SchemaType | 'null' | 'other';

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string': return 'string';
    case 'boolean': return 'boolean';
    case 'number': return Number.isInteger(value) ? 'integer' : 'number';
    case 'object': return 'object';
    default: return 'other';
  }
}

const TYPE_NAMES: Record<JsonType, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
  other: 'a value JSON cannot hold',
};

export function typeName(t: JsonType): string {
  return TYPE_NAMES[t];
}

/** A short rendering of a value for messages. */
export function show(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Where a path is, for sentences. */
export function where(segs: PathSegments): string {
  return segs.length === 0 ? 'the top level of the object' : formatPath(segs);
}

/** Fields every Kubernetes object has next to the ones its schema declares. */
const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata'];

/** An object on the way down, for "this field belongs one level up" hints. */
interface Frame {
  readonly node: SchemaNode;
  readonly segs: Segs;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const patternCache = new Map<string, RE2JS | null>();

/** Tests a CRD `pattern` the way the API server does (RE2, unanchored search). */
function patternMatches(pattern: string, value: string): boolean {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re === null ? true : re.test(value);
}

/**
 * Checks one object of an Istio API group against the field table, the way the API server's
 * structural schema validation with strict field validation would. Each problem is reported once,
 * at the deepest path; a value of the wrong type is not looked into.
 */
export function validateIstioRecord(record: ObjectRecord, lookup: FieldTableLookup = ISTIO_FIELDS): SchemaIssue[] {
  if (!isIstioGroup(record.group)) return [];
  return new ObjectChecker(lookup, record).run();
}

/**
 * Checks one object of any API group the table knows (the Gateway API objects against the
 * Gateway API table) with the same strictness as {@link validateIstioRecord}.
 */
export function validateSchemaRecord(record: ObjectRecord, lookup: FieldTableLookup): SchemaIssue[] {
  return new ObjectChecker(lookup, record).run();
}

class ObjectChecker {
  private readonly issues: SchemaIssue[] = [];

  constructor(private readonly lookup: FieldTableLookup, private readonly record: ObjectRecord) {}

  public run(): SchemaIssue[] {
    const { group, kind, version } = this.record;
    const entry = this.lookup.findKind(group, kind);
    if (!entry) {
      this.unknownKind();
      return this.issues;
    }
    const served = entry.versions.map((v) => v.name);
    const root = this.lookup.rootOf(group, kind, version);
    if (root === undefined) {
      const storage = this.lookup.storageVersion(group, kind)?.name ?? served[0];
      this.add('schema-unknown-api-version', ['apiVersion'],
        `${kind} is not served at ${this.record.apiVersion}; the ${group} versions served for ${kind} are ${andList(served)}.`,
        `Set apiVersion to ${group}/${storage}.`);
      return this.issues;
    }
    this.walkRoot(root, this.record.source.manifest);
    return this.issues;
  }

  private add(rule: SchemaRuleId, path: Segs, message: string, fix?: string, severity?: Severity): void {
    this.issues.push({ rule, path, message, ...(fix ? { fix } : {}), ...(severity ? { severity } : {}) });
  }

  private unknownKind(): void {
    const { group, kind } = this.record;
    const sameGroup = this.lookup.kinds(group).map((k) => k.kind);
    const elsewhere = this.lookup.kinds().filter((k) => k.group !== group && normalizeName(k.kind) === normalizeName(kind));
    let hint = '';
    let fix: string;
    if (elsewhere.length > 0) {
      const other = elsewhere[0];
      const v = this.lookup.storageVersion(other.group, other.kind)?.name ?? other.versions[0]?.name;
      hint = ` ${other.kind} belongs to ${other.group}.`;
      fix = `Set apiVersion to ${other.group}/${v}${other.kind !== kind ? ` and kind to ${other.kind}` : ''}.`;
    } else {
      const close = closestNames(kind, sameGroup, 1);
      if (close.length > 0) {
        hint = ` Did you mean ${close[0].name}?`;
        fix = `Set kind to ${close[0].name}.`;
      } else {
        fix = sameGroup.length > 0 ? `Use one of the kinds of ${group}: ${sameGroup.join(', ')}.` : `Check the apiVersion: ${group} has no kinds in the Istio CRDs.`;
      }
    }
    this.add('schema-unknown-kind', ['kind'], `${group} has no kind ${kind}.${hint}`, fix);
  }

  private walkRoot(rootIndex: number, manifest: Record<string, any>): void {
    const root = this.lookup.node(rootIndex);
    const frame: Frame = { node: root, segs: [] };
    for (const [key, value] of Object.entries(manifest)) {
      if (key === 'apiVersion' || key === 'kind') continue;
      if (key === 'metadata') continue;
      const child = this.lookup.property(root, key);
      if (child !== undefined) {
        this.walk(child, value, [key], key, [frame], this.issues, false);
      } else if (!root.preserveUnknown && root.additional !== true) {
        this.unknownField(key, root, [], '', [], ROOT_FIELDS);
      }
    }
    checkMetadata(manifest.metadata, (rule, path, message, fix, severity) => this.add(rule, path, message, fix, severity));
    for (const r of root.required ?? []) {
      if (manifest[r] === undefined || manifest[r] === null) {
        this.add('schema-required-field', [r], `\`${r}\` is required at the top level of a ${this.record.kind}.`, `Add \`${r}\`.`);
      }
    }
  }

  /**
   * Validates `value` against node `index`. `gpath` is the generic path (`[*]` for items, `.*` for
   * map values) used to tell this place apart from other places with the same field name.
   * In branch mode (sub-schemas of oneOf/anyOf/allOf/not) fields not declared are allowed, as in
   * plain JSON Schema.
   */
  private walk(index: number, value: unknown, segs: Segs, gpath: string, ancestors: Frame[], sink: SchemaIssue[], branch: boolean): void {
    if (value === undefined) return;
    const node = this.lookup.node(index);
    // The API server prunes nulls of non-nullable fields and accepts them on nullable ones.
    if (value === null) return;
    const report: ReportFn = (rule, path, message, fix) => {
      sink.push({ rule, path, message, ...(fix ? { fix } : {}) });
    };

    const actual = jsonType(value);
    if (!this.typeOk(node, actual)) {
      const { message, fix } = typeMismatch(node, value, actual, segs);
      report('schema-type-mismatch', segs, message, fix);
      return;
    }

    if (node.enum && !node.enum.includes(value as any)) {
      const { message, fix } = enumMismatch(node.enum, value, segs);
      report('schema-invalid-enum', segs, message, fix);
      return;
    }

    this.checkScalarConstraints(node, value, segs, report);

    if (actual === 'object') {
      const obj = value as Record<string, unknown>;
      const frame: Frame = { node, segs };
      const below = [...ancestors, frame];
      for (const [key, child] of Object.entries(obj)) {
        const childSegs = [...segs, key];
        const prop = this.lookup.property(node, key);
        if (prop !== undefined) {
          this.walk(prop, child, childSegs, `${gpath}.${key}`, below, sink, branch);
        } else if (typeof node.additional === 'number') {
          this.walk(node.additional, child, childSegs, `${gpath}.*`, below, sink, branch);
        } else if (!branch && node.additional !== true && !node.preserveUnknown) {
          this.unknownField(key, node, segs, gpath, ancestors, []);
        }
      }
      for (const r of node.required ?? []) {
        if (obj[r] === undefined || obj[r] === null) {
          const holder = segs.length === 0 ? 'the object' : formatPath(segs);
          report('schema-required-field', [...segs, r], `\`${r}\` is required in ${holder} but is missing.`, `Add \`${r}\` to ${holder}.`);
        }
      }
    } else if (actual === 'array' && node.items !== undefined) {
      (value as unknown[]).forEach((item, i) => {
        this.walk(node.items as number, item, [...segs, i], `${gpath}[*]`, ancestors, sink, branch);
      });
    }

    this.checkCombinators(node, value, segs, gpath, ancestors, sink, branch);
  }

  private typeOk(node: SchemaNode, actual: JsonType): boolean {
    if (node.intOrString) return actual === 'integer' || actual === 'string';
    if (!node.type) return true;
    if (node.type === 'number') return actual === 'number' || actual === 'integer';
    return node.type === actual;
  }

  private checkScalarConstraints(node: SchemaNode, value: unknown, segs: Segs, report: ReportFn): void {
    // The place is written out only when something is reported (most values are fine).
    const at = (): string => where(segs);
    if (typeof value === 'number') {
      let min = node.minimum;
      let max = node.maximum;
      if (node.format === 'int32' && node.type === 'integer') {
        min = Math.max(min ?? INT32_MIN, INT32_MIN);
        max = Math.min(max ?? INT32_MAX, INT32_MAX);
      }
      const belowMin = min !== undefined && (node.exclusiveMinimum ? value <= min : value < min);
      const aboveMax = max !== undefined && (node.exclusiveMaximum ? value >= max : value > max);
      if (belowMin || aboveMax) {
        const range = describeRange(min, max, node.exclusiveMinimum, node.exclusiveMaximum);
        report('schema-value-out-of-range', segs, `${at()} is ${value}, ${belowMin ? 'below' : 'above'} the allowed range (${range}).`, `Use a value ${range}.`);
      }
    } else if (typeof value === 'string') {
      const length = [...value].length;
      if (node.maxLength !== undefined && length > node.maxLength) {
        report('schema-value-out-of-range', segs, `${at()} is ${length} characters long; at most ${node.maxLength} are allowed.`, `Shorten it to ${node.maxLength} characters or fewer.`);
      }
      if (node.minLength !== undefined && length < node.minLength) {
        report('schema-value-out-of-range', segs,
          length === 0 ? `${at()} is empty; it needs at least ${node.minLength} character${node.minLength === 1 ? '' : 's'}.` : `${at()} is ${length} characters long; at least ${node.minLength} are required.`,
          length === 0 ? 'Give it a value, or leave the field out.' : `Write at least ${node.minLength} characters.`);
      }
      if (node.pattern !== undefined && !patternMatches(node.pattern, value)) {
        report('schema-invalid-format', segs, `${at()} is ${show(value)}, which does not match the pattern ${node.pattern}.`, `Write a value that matches ${node.pattern}.`);
      }
      if (node.format === 'date-time' && !RFC3339.test(value)) {
        report('schema-invalid-format', segs, `${at()} is ${show(value)}, not an RFC 3339 date-time.`, 'Write it like 2024-01-31T12:00:00Z.');
      } else if (node.format === 'byte' && !BASE64.test(value)) {
        report('schema-invalid-format', segs, `${at()} is not base64-encoded.`, 'Encode the bytes as standard base64.');
      }
    } else if (Array.isArray(value)) {
      if (node.maxItems !== undefined && value.length > node.maxItems) {
        report('schema-value-out-of-range', segs, `${at()} has ${value.length} entries; at most ${node.maxItems} are allowed.`, `Keep ${node.maxItems} entries or fewer.`);
      }
      if (node.minItems !== undefined && value.length < node.minItems) {
        report('schema-value-out-of-range', segs, `${at()} has ${value.length} entries; at least ${node.minItems} ${node.minItems === 1 ? 'is' : 'are'} required.`,
          value.length === 0 ? 'Add an entry, or leave the field out.' : `Add entries up to ${node.minItems}.`);
      }
    } else if (isPlainObject(value)) {
      const count = Object.keys(value).length;
      if (node.maxProperties !== undefined && count > node.maxProperties) {
        report('schema-value-out-of-range', segs, `${at()} has ${count} entries; at most ${node.maxProperties} are allowed.`, `Keep ${node.maxProperties} entries or fewer.`);
      }
      if (node.minProperties !== undefined && count < node.minProperties) {
        report('schema-value-out-of-range', segs, `${at()} has ${count} entries; at least ${node.minProperties} ${node.minProperties === 1 ? 'is' : 'are'} required.`, 'Add entries, or leave the field out.');
      }
    }
  }

  /** Whether `value` satisfies node `index` in plain JSON Schema terms. */
  private conforms(index: number, value: unknown, segs: Segs, gpath: string): boolean {
    const scratch: SchemaIssue[] = [];
    this.walk(index, value, segs, gpath, [], scratch, true);
    return scratch.length === 0;
  }

  private checkCombinators(
    node: SchemaNode, value: unknown, segs: Segs, gpath: string, ancestors: Frame[], sink: SchemaIssue[], branch: boolean,
  ): void {
    const report = (rule: SchemaRuleId, message: string, fix?: string): void => {
      sink.push({ rule, path: segs, message, ...(fix ? { fix } : {}) });
    };
    // The place is written out only when something is reported (most values are fine).
    const at = (): string => where(segs);
    const present = (name: string): boolean => isPlainObject(value) && value[name] !== undefined && value[name] !== null;

    if (node.oneOf) {
      const group = this.alternativeFields(node.oneOf);
      if (group) {
        // Istio's encoding of a protobuf oneof: the fields are alternatives, at most one is set
        // (exactly one when there is no "none of them" branch).
        if (isPlainObject(value)) {
          const set = group.fields.filter(present);
          if (set.length > 1) {
            report('schema-mutually-exclusive-fields',
              `${at()} sets ${set.map((f) => `\`${f}\``).join(' and ')}, but these are alternatives: only one of ${orList(group.fields)} may be set.`,
              `Keep one of ${orList(set)} and remove the other${set.length > 2 ? 's' : ''}.`);
          } else if (set.length === 0 && !group.optional) {
            report('schema-required-field', `${at()} needs one of ${orList(group.fields)}.`, `Add one of ${orList(group.fields)}.`);
          }
        }
      } else {
        const matching = node.oneOf.filter((b) => this.conforms(b, value, segs, gpath)).length;
        if (matching > 1) {
          report('schema-mutually-exclusive-fields', `${at()} matches ${matching} of the alternatives its schema allows; exactly one may match.`, 'Remove the fields that make more than one alternative apply.');
        } else if (matching === 0 && !this.typeOnly(node.oneOf, node)) {
          report('schema-required-field', `${at()} matches none of the alternatives its schema allows.`, 'Set the fields one alternative requires.');
        }
      }
    }

    if (node.anyOf) {
      const fields = this.singleRequired(node.anyOf);
      if (fields) {
        if (isPlainObject(value) && !fields.some(present)) {
          report('schema-required-field', `${at()} needs at least one of ${orList(fields)}.`, `Add ${orList(fields)}.`);
        }
      } else if (!this.typeOnly(node.anyOf, node) && !node.anyOf.some((b) => this.conforms(b, value, segs, gpath))) {
        report('schema-required-field', `${at()} matches none of the alternatives its schema allows.`, 'Set the fields one alternative requires.');
      }
    }

    for (const sub of node.allOf ?? []) {
      // Sub-schemas of allOf apply in full; their own oneOf/anyOf report as above.
      this.walk(sub, value, segs, gpath, ancestors, sink, true);
    }

    if (node.not !== undefined && this.conforms(node.not, value, segs, gpath)) {
      const fields = this.singleRequired([node.not]) ?? this.notAnyRequired(node.not);
      if (fields && isPlainObject(value)) {
        report('schema-mutually-exclusive-fields', `${at()} must not set ${orList(fields.filter(present))}.`, `Remove ${orList(fields.filter(present))}.`);
      } else if (!branch) {
        report('schema-mutually-exclusive-fields', `${at()} has a shape its schema forbids.`, 'Remove the fields its schema excludes.');
      }
    }
  }

  /** `{required: [x]}` branches → their field names; undefined when any branch is anything else. */
  private singleRequired(branches: readonly number[]): string[] | undefined {
    const fields: string[] = [];
    for (const b of branches) {
      const n = this.lookup.node(b);
      const keys = Object.keys(n);
      if (keys.length !== 1 || !n.required || n.required.length !== 1) return undefined;
      fields.push(n.required[0]);
    }
    return fields;
  }

  /** `{not: {anyOf: [{required: [x]}, …]}}` inner anyOf → field names. */
  private notAnyRequired(index: number): string[] | undefined {
    const n = this.lookup.node(index);
    if (Object.keys(n).length !== 1 || !n.anyOf) return undefined;
    return this.singleRequired(n.anyOf);
  }

  /**
   * Recognises Istio's oneOf encoding of alternative fields: `{required: [a]}, {required: [b]}, …`,
   * optionally with `{not: {anyOf: [{required: [a]}, {required: [b]}, …]}}` (none set is fine).
   */
  private alternativeFields(branches: readonly number[]): { fields: string[]; optional: boolean } | undefined {
    const singles: number[] = [];
    let none: string[] | undefined;
    for (const b of branches) {
      const n = this.lookup.node(b);
      if (this.singleRequired([b])) {
        singles.push(b);
      } else if (Object.keys(n).length === 1 && n.not !== undefined && none === undefined) {
        none = this.notAnyRequired(n.not);
        if (!none) return undefined;
      } else {
        return undefined;
      }
    }
    const fields = this.singleRequired(singles) ?? [];
    if (none && (none.length !== fields.length || !none.every((f) => fields.includes(f)))) return undefined;
    return { fields, optional: none !== undefined };
  }

  /** Branches that only name a type (int-or-string's `anyOf: [{type: integer}, {type: string}]`), already checked. */
  private typeOnly(branches: readonly number[], node: SchemaNode): boolean {
    return branches.every((b) => {
      const keys = Object.keys(this.lookup.node(b));
      return keys.length === 1 && keys[0] === 'type';
    }) && node.intOrString === true;
  }

  private unknownField(key: string, node: SchemaNode, segs: Segs, gpath: string, ancestors: Frame[], extra: string[]): void {
    const { message, fix } = this.describeUnknownField(key, node, segs, gpath, ancestors, extra);
    this.add('schema-unknown-field', [...segs, key], message, fix);
  }

  private describeUnknownField(
    key: string, node: SchemaNode, segs: Segs, gpath: string, ancestors: Frame[], extra: string[],
  ): { message: string; fix: string } {
    const { kind, group } = this.record;
    const container = segs.length === 0 ? `the top level of a ${kind}` : formatPath(segs);
    const local = [...Object.keys(node.props ?? {}), ...extra];
    const head = `\`${key}\` is not a field of ${container}.`;
    const matches = closestNames(key, local);
    const spelling = matches.find((m) => m.kind === MatchKind.SPELLING);
    if (spelling) {
      return {
        message: `${head} Field names are camelCase: did you mean \`${spelling.name}\`?`,
        fix: `Rename \`${key}\` to \`${spelling.name}\`.`,
      };
    }
    const close = matches.filter((m) => m.kind === MatchKind.CLOSE).map((m) => m.name);
    const contains = matches.filter((m) => m.kind === MatchKind.CONTAINS).map((m) => m.name);

    // The field exists on an enclosing object: written one level too deep.
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i];
      const name = a.node.props ? Object.keys(a.node.props).find((p) => p === key || normalizeName(p) === normalizeName(key)) : undefined;
      if (name) {
        const target = formatPath([...a.segs, name]);
        const here = [...close, ...contains];
        return {
          message: `${head} \`${name}\` belongs to the enclosing ${where(a.segs)}: ${target}.${here.length > 0 ? ` Within ${lastName(segs)}, the closest field is \`${here[0]}\`.` : ''}`,
          fix: `Move \`${key}\` to ${target}${here.length > 0 ? `, or use \`${here[0]}\` here if that is what you meant` : ''}.`,
        };
      }
    }

    if (close.length > 0) {
      return {
        message: `${head} Did you mean ${orList(close)}?`,
        fix: `Rename \`${key}\` to \`${close[0]}\`.`,
      };
    }

    // The field belongs to one of this object's sub-objects: written one level too high.
    const homes: string[] = [];
    for (const [child, index] of Object.entries(node.props ?? {})) {
      const childNode = this.lookup.node(index);
      const inner = childNode.items !== undefined ? this.lookup.node(childNode.items) : childNode;
      if (this.lookup.property(inner, key) !== undefined) {
        const base = formatPath([...segs, child]);
        homes.push(childNode.items !== undefined ? `${base}[*].${key}` : `${base}.${key}`);
      }
    }
    if (homes.length > 0) {
      return {
        message: `${head} It belongs one level down, at ${homes.slice(0, 2).join(' or ')}.`,
        fix: `Move \`${key}\` to ${homes[0]}.`,
      };
    }

    // Elsewhere in the same kind, or in another kind.
    const names = new Set([key, toCamelCase(key)]);
    const locations = [...names].flatMap((n) => this.lookup.fieldLocations(n));
    locations.sort((a, b) => a.depth - b.depth || a.path.length - b.path.length);
    const sameKind = locations.filter((l) => l.group === group && l.kind === kind && l.path !== (gpath === '' ? key : `${gpath}.${key}`));
    if (sameKind.length > 0) {
      const paths = [...new Set(sameKind.map((l) => l.path))].slice(0, 2);
      return {
        message: `${head} In a ${kind}, \`${key}\` belongs at ${paths.join(' or ')}.${contains.length > 0 ? ` Here, did you mean \`${contains[0]}\`?` : ''}`,
        fix: `Move \`${key}\` to ${paths[0]}.`,
      };
    }
    const otherKinds: typeof locations = [];
    for (const l of locations) {
      if (l.group === group && l.kind === kind) continue;
      if (!otherKinds.some((o) => o.kind === l.kind && o.group === l.group)) otherKinds.push(l);
    }
    if (otherKinds.length > 0) {
      const shown = otherKinds.slice(0, 2);
      const desc = shown.map((l) => `a ${l.kind} field (${l.path})`).join(' and ');
      const first = shown[0];
      return {
        message: `${head} It is ${desc}, not a ${kind} one.${contains.length > 0 ? ` Here, did you mean \`${contains[0]}\`?` : ''}`,
        fix: `Remove \`${key}\` here and set it in a ${first.kind} (${first.group}) at ${first.path}.`,
      };
    }
    if (contains.length > 0) {
      return { message: `${head} Did you mean ${orList(contains)}?`, fix: `Rename \`${key}\` to \`${contains[0]}\`.` };
    }
    const allowed = [...local].sort();
    const list = allowed.length > 20 ? `${allowed.slice(0, 20).join(', ')}, …` : allowed.join(', ');
    return {
      message: allowed.length > 0 ? `${head} Fields allowed here: ${list}.` : `${head} It takes no fields.`,
      fix: `Remove \`${key}\`${allowed.length > 0 ? ' or use one of the allowed fields' : ''}.`,
    };
  }
}

function lastName(segs: Segs): string {
  for (let i = segs.length - 1; i >= 0; i--) {
    if (typeof segs[i] === 'string') return `\`${segs[i]}\``;
  }
  return 'this object';
}

function describeRange(min?: number, max?: number, exMin?: boolean, exMax?: boolean): string {
  const lo = min === undefined ? undefined : `${exMin ? '>' : '≥'} ${min}`;
  const hi = max === undefined ? undefined : `${exMax ? '<' : '≤'} ${max}`;
  if (lo && hi) return `${lo} and ${hi}`;
  return (lo ?? hi) as string;
}

function expectedTypeName(node: SchemaNode): string {
  if (node.intOrString) return 'an integer or a string';
  return typeName(node.type as JsonType);
}

/** Type error message with a fix that fits the usual mistakes (quoted numbers, a scalar for a list…). */
function typeMismatch(node: SchemaNode, value: unknown, actual: JsonType, segs: Segs): { message: string; fix: string } {
  const at = where(segs);
  const expected = expectedTypeName(node);
  const isDuration = (node.validations ?? []).some((v) => v.rule.includes('duration(self)'));
  const message = `${at} must be ${expected}${isDuration ? ' (a duration such as "5s")' : ''}, but is ${typeName(actual)} (${show(value)}).`;
  let fix: string;
  if (node.type === 'string' && (actual === 'integer' || actual === 'number' || actual === 'boolean')) {
    fix = isDuration && typeof value === 'number' && Number.isFinite(value) ? `Write it as a duration string with a unit, e.g. "${value}s".` : `Quote it: "${String(value)}".`;
  } else if ((node.type === 'integer' || node.intOrString) && actual === 'number') {
    fix = 'Use a whole number.';
  } else if ((node.type === 'integer' || node.type === 'number') && actual === 'string' && /^-?\d+(\.\d+)?$/.test(value as string)) {
    fix = `Remove the quotes: ${value as string}.`;
  } else if (node.type === 'boolean' && actual === 'string' && /^(true|false)$/i.test(value as string)) {
    fix = `Write ${(value as string).toLowerCase()} without quotes.`;
  } else if (node.type === 'array' && actual !== 'array') {
    fix = `Make it a list: [${show(value)}].`;
  } else if (node.type === 'object' && actual === 'array') {
    fix = 'Write a single object (fields), not a list.';
  } else if (node.type === 'array' && actual === 'object') {
    fix = 'Make it a list of such objects.';
  } else {
    fix = `Write ${expected} here.`;
  }
  return { message, fix };
}

function enumMismatch(allowed: ReadonlyArray<string | number | boolean>, value: unknown, segs: Segs): { message: string; fix: string } {
  const at = where(segs);
  const values = allowed.map((v) => String(v));
  const message = `${at} is ${show(value)}, which is not one of the allowed values: ${values.join(', ')}.`;
  if (typeof value === 'string') {
    const sameCase = allowed.find((v) => typeof v === 'string' && v.toLowerCase() === value.toLowerCase());
    if (sameCase !== undefined) {
      return { message: `${message} Values are case-sensitive.`, fix: `Write ${String(sameCase)}.` };
    }
    const close = closestNames(value, values, 1);
    if (close.length > 0) {
      return { message: `${message} Did you mean ${close[0].name}?`, fix: `Write ${close[0].name}.` };
    }
  }
  return { message, fix: `Use one of: ${values.join(', ')}.` };
}
