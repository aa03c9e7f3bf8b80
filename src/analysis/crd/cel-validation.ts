/**
 * Evaluates the `x-kubernetes-validations` CEL rules of a field table on one object, the way the
 * Kubernetes API server does on create:
 *
 * - a rule runs with `self` bound to the value of the field that carries it, converted as
 *   Kubernetes converts it (integers are CEL `int`, `number` is `double`, `format: byte` is
 *   `bytes`, object fields are escaped names such as `__namespace__`, undeclared fields are
 *   pruned, maps and lists keep their keys and order; at the root `self` also has apiVersion,
 *   kind and metadata.name/generateName);
 * - a field the object leaves out that has a schema `default` is validated with that default;
 * - absent and null values are not validated; a value of the wrong JSON type is left to the
 *   schema rules and its rules (and those below it) are not run;
 * - a rule that reads `oldSelf` is a transition rule: on create it is skipped, unless it sets
 *   `optionalOldSelf`, in which case `oldSelf` is an empty optional;
 * - a rule fails when it does not evaluate to `true`; its message is the `messageExpression`
 *   result (when it gives a non-empty one-line string), else `message`, else "failed rule: …";
 *   `fieldPath` moves the finding to a field below; `reason` says whether the value is invalid,
 *   forbidden, required or a duplicate;
 * - an evaluation error (a duration that does not parse, a missing key, …) is a failure too,
 *   reported with the error.
 *
 * Rules in `allOf` sub-schemas apply to the same value. Each distinct expression is compiled once
 * per validator; `date`, `date-time` and `duration` string formats stay strings (no Istio rule
 * reads them as timestamps).
 */
import { isCelError, celMap } from '@bufbuild/cel';
import { compileExpression, CompiledExpression, escapePropertyName, kubernetesCel } from './kubernetes-cel';
import { formatPath, PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord } from '../manifest';
import { CelValidation, FieldTableLookup, SchemaNode } from '../schema/field-table';
import { jsonType, show } from '../schema/validate';

/** One failed CEL rule on one object. */
export interface CelIssue {
  /** The field at fault: the rule's field, or the one its `fieldPath` names. */
  readonly path: PathSegments;
  readonly message: string;
  readonly fix: string;
  /** The rule's expression, as written in the CRD. */
  readonly rule: string;
}

/** A rule of a schema node, compiled. */
interface NodeRule {
  readonly validation: CelValidation;
  readonly compiled: CompiledExpression;
  readonly message?: CompiledExpression;
  /** `fieldPath` as segments below the node, or undefined when the rule has none (or a bad one). */
  readonly fieldPath?: Array<string | number>;
}

type Segs = Array<string | number>;

/** Evaluates the CEL rules of one field table; reuse it, as it caches compiled programs. */
export class CelValidator {
  private readonly expressions = new Map<string, CompiledExpression>();
  private readonly nodeRules = new Map<number, NodeRule[]>();
  private readonly below = new Map<number, boolean>();

  constructor(private readonly lookup: FieldTableLookup) {}

  /**
   * Compiles every rule of the table now, and returns the ones that will not be evaluated
   * (expression → why), so that a caller can say so once instead of on every object.
   */
  public precompile(): Map<string, string> {
    const skipped = new Map<string, string>();
    this.lookup.table.nodes.forEach((node) => {
      for (const v of node.validations ?? []) {
        const c = this.compile(v.rule);
        if (c.unsupported) skipped.set(v.rule, c.unsupported);
        if (v.messageExpression !== undefined) {
          const m = this.compile(v.messageExpression);
          if (m.unsupported) skipped.set(v.messageExpression, `messageExpression ${m.unsupported}`);
        }
      }
    });
    return skipped;
  }

  /** Runs the CEL rules of the object's (group, kind, version) schema; [] when the table lacks it. */
  public validate(record: ObjectRecord): CelIssue[] {
    const root = this.lookup.rootOf(record.group, record.kind, record.version);
    const manifest = record.source.manifest;
    if (root === undefined || !isPlainObject(manifest)) return [];
    const issues: CelIssue[] = [];
    this.visit(root, manifest, [], false, record, issues);
    return issues;
  }

  private compile(expression: string): CompiledExpression {
    let c = this.expressions.get(expression);
    if (!c) {
      c = compileExpression(expression);
      this.expressions.set(expression, c);
    }
    return c;
  }

  /** The rules that apply at a node: its own and those of its allOf sub-schemas. */
  private rulesOf(index: number): NodeRule[] {
    let rules = this.nodeRules.get(index);
    if (rules) return rules;
    rules = [];
    const collect = (i: number, depth: number): void => {
      const node = this.lookup.node(i);
      for (const v of node.validations ?? []) {
        rules!.push({
          validation: v,
          compiled: this.compile(v.rule),
          ...(v.messageExpression !== undefined ? { message: this.compile(v.messageExpression) } : {}),
          ...(v.fieldPath !== undefined ? { fieldPath: parseFieldPath(v.fieldPath) } : {}),
        });
      }
      if (depth < 8) for (const sub of node.allOf ?? []) collect(sub, depth + 1);
    };
    collect(index, 0);
    this.nodeRules.set(index, rules);
    return rules;
  }

  /** Whether the node, or anything below it, carries a rule (memoised; the table is acyclic). */
  private hasRulesBelow(index: number): boolean {
    const known = this.below.get(index);
    if (known !== undefined) return known;
    this.below.set(index, false);
    const node = this.lookup.node(index);
    const children = [
      ...Object.values(node.props ?? {}),
      ...(node.items !== undefined ? [node.items] : []),
      ...(typeof node.additional === 'number' ? [node.additional] : []),
    ];
    const result = this.rulesOf(index).length > 0 || children.some((c) => this.hasRulesBelow(c));
    this.below.set(index, result);
    return result;
  }

  /**
   * Validates `value` against node `index` (children first, then the node's own rules) and, when
   * `need` is set (an enclosing rule reads it), returns the value as CEL sees it.
   */
  private visit(index: number, value: unknown, segs: Segs, need: boolean, record: ObjectRecord, issues: CelIssue[]): unknown {
    if (value === undefined || value === null) return need ? null : undefined;
    const node = this.lookup.node(index);
    if (!typeFits(node, value)) return need ? loose(value) : undefined;
    const rules = this.rulesOf(index);
    const selfNeeded = need || rules.length > 0;
    if (!selfNeeded && !this.hasRulesBelow(index)) return undefined;

    const mark = issues.length;
    let self: unknown;
    if (Array.isArray(value)) {
      const items = value.map((item, i) =>
        node.items !== undefined ? this.visit(node.items, item, [...segs, i], selfNeeded, record, issues) : loose(item));
      self = selfNeeded ? items : undefined;
    } else if (isPlainObject(value)) {
      self = this.visitObject(node, value, segs, selfNeeded, record, issues);
    } else {
      self = selfNeeded ? scalar(node, value) : undefined;
    }

    if (rules.length > 0) {
      const own: CelIssue[] = [];
      for (const rule of rules) this.evaluate(rule, self, value, segs, record, own);
      issues.splice(mark, 0, ...own);
    }
    return self;
  }

  private visitObject(
    node: SchemaNode, value: Record<string, unknown>, segs: Segs, need: boolean, record: ObjectRecord, issues: CelIssue[],
  ): unknown {
    const fields = need ? new Map<string, unknown>() : undefined;
    const atRoot = segs.length === 0;
    // The API server applies the schema's defaults before it runs the rules: a Gateway API
    // parentRef written without `group` is seen with `group: "gateway.networking.k8s.io"`.
    const entries = Object.entries(value);
    for (const [key, prop] of Object.entries(node.props ?? {})) {
      const fallback = this.lookup.node(prop).default;
      if (fallback !== undefined && value[key] === undefined) entries.push([key, fallback]);
    }
    for (const [key, child] of entries) {
      const prop = this.lookup.property(node, key);
      if (prop !== undefined) {
        const converted = this.visit(prop, child, [...segs, key], need, record, issues);
        const name = escapePropertyName(key);
        if (fields && name !== undefined && converted !== undefined && child !== null) fields.set(name, converted);
      } else if (typeof node.additional === 'number') {
        const converted = this.visit(node.additional, child, [...segs, key], need, record, issues);
        if (fields && converted !== undefined && child !== null) fields.set(key, converted);
      } else if (fields && (node.preserveUnknown || node.additional === true || !node.props) && !atRoot) {
        const name = node.props ? escapePropertyName(key) : key;
        if (name !== undefined && child !== null && child !== undefined) fields.set(name, loose(child));
      }
    }
    if (!fields) return undefined;
    if (atRoot) {
      for (const key of ['apiVersion', 'kind']) {
        if (typeof value[key] === 'string') fields.set(key, value[key]);
      }
      const meta = isPlainObject(value.metadata) ? value.metadata : {};
      const kept = new Map<string, unknown>();
      for (const key of ['name', 'generateName']) {
        if (typeof meta[key] === 'string') kept.set(key, meta[key]);
      }
      fields.set('metadata', celMap(kept as Map<string, any>));
    }
    return celMap(fields as Map<string, any>);
  }

  private evaluate(rule: NodeRule, self: unknown, raw: unknown, segs: Segs, record: ObjectRecord, out: CelIssue[]): void {
    const { compiled, validation } = rule;
    if (!compiled.program) return;
    if (compiled.usesOldSelf && !validation.optionalOldSelf) return; // transition rule: no old object on create
    const bindings: Record<string, unknown> = { self };
    if (compiled.usesOldSelf || rule.message?.usesOldSelf) bindings.oldSelf = kubernetesCel().none;

    const result = compiled.program(bindings);
    const ruleText = oneLine(validation.rule);
    const subject = describe(raw, segs);
    const fallback = validation.message?.trim() ? oneLine(validation.message) : `failed rule: ${ruleText}`;
    if (isCelError(result)) {
      const detail = validation.message?.trim() ? oneLine(validation.message) : ruleText;
      out.push({
        path: segs,
        rule: validation.rule,
        message: `The ${record.kind} CRD's validation rule \`${ruleText}\` fails on ${subject} with "${result.message}", so the API server rejects it: ${sentence(detail)}`,
        fix: `Change the value so the rule can be evaluated and holds: ${sentence(detail)}`,
      });
      return;
    }
    if (result === true) return;

    let detail = fallback;
    if (rule.message?.program) {
      const m = rule.message.program(bindings);
      if (typeof m === 'string' && m.trim() !== '' && !m.includes('\n')) detail = m.trim();
    }
    const path = rule.fieldPath ? [...segs, ...rule.fieldPath] : segs;
    out.push({
      path,
      rule: validation.rule,
      message: `The ${record.kind} CRD's validation rule \`${ruleText}\` does not hold for ${subject}${reasonText(validation.reason)}: ${sentence(detail)}`,
      fix: `Change ${path.length > 0 ? formatPath(path) : 'the object'} so the API server accepts it: ${sentence(detail)}`,
    });
  }
}

/** Whether a value has the JSON type its node declares (otherwise Kubernetes runs no rule on it). */
function typeFits(node: SchemaNode, value: unknown): boolean {
  const actual = jsonType(value);
  if (node.intOrString) return actual === 'integer' || actual === 'string';
  if (!node.type) return true;
  if (node.type === 'number') return actual === 'number' || actual === 'integer';
  return node.type === actual;
}

/** A scalar as CEL sees it under its schema node. */
function scalar(node: SchemaNode, value: unknown): unknown {
  if (typeof value === 'number') {
    return node.type === 'number' ? value : Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === 'string' && node.type === 'string' && node.format === 'byte') {
    return Uint8Array.from(Buffer.from(value, 'base64'));
  }
  return value;
}

/** A value with no schema below it (preserve-unknown-fields, int-or-string): JSON as CEL sees it. */
function loose(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(loose);
  if (isPlainObject(value)) {
    const m = new Map<string, any>();
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) m.set(k, loose(v));
    }
    return celMap(m);
  }
  return value;
}

/** How a message names the value: scalars by value, objects and lists by where they are. */
function describe(value: unknown, segs: Segs): string {
  if (isPlainObject(value)) return segs.length === 0 ? 'the object' : `the object at ${formatPath(segs)}`;
  if (Array.isArray(value)) return `the list at ${formatPath(segs)}`;
  return show(value);
}

function reasonText(reason: string | undefined): string {
  switch (reason) {
    case 'FieldValueForbidden': return ' (the field is forbidden here)';
    case 'FieldValueRequired': return ' (a required value is missing)';
    case 'FieldValueDuplicate': return ' (a value is duplicated)';
    default: return '';
  }
}

function oneLine(s: string): string {
  const text = s.replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** Ends a detail text with exactly one full stop. */
function sentence(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * Parses a rule's `fieldPath` (a relative JSON path: `.a.b`, `['a.b']`) into segments, or returns
 * undefined when it is not one (the finding then stays on the rule's own field).
 */
export function parseFieldPath(fieldPath: string): Array<string | number> | undefined {
  const segs: string[] = [];
  let i = 0;
  while (i < fieldPath.length) {
    const c = fieldPath[i];
    if (c === '.') {
      let j = i + 1;
      while (j < fieldPath.length && fieldPath[j] !== '.' && fieldPath[j] !== '[') j++;
      const name = fieldPath.slice(i + 1, j);
      if (name === '') return undefined;
      segs.push(name);
      i = j;
    } else if (c === '[' && fieldPath[i + 1] === '\'') {
      let j = i + 2;
      let name = '';
      while (j < fieldPath.length && fieldPath[j] !== '\'') {
        if (fieldPath[j] === '\\' && j + 1 < fieldPath.length) {
          name += fieldPath[j + 1];
          j += 2;
        } else {
          name += fieldPath[j];
          j++;
        }
      }
      if (fieldPath.slice(j, j + 2) !== '\']') return undefined;
      segs.push(name);
      i = j + 2;
    } else {
      return undefined;
    }
  }
  return segs;
}
