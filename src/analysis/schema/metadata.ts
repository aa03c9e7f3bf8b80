import { Severity } from '../diagnostic';
import { closestNames } from '../text';
import type { SchemaIssue, SchemaRuleId } from './issue';
import { formatPath } from '../json-path';
import { isPlainObject } from '../manifest';
import { isDns1123Label, isDns1123Subdomain } from '../validators/names';

type Add = (rule: SchemaRuleId, path: Array<string | number>, message: string, fix?: string, severity?: Severity) => void;

/** Fields of Kubernetes ObjectMeta. */
const OBJECT_META_FIELDS = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations',
  'ownerReferences', 'finalizers', 'managedFields',
];

const STRING_FIELDS = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'];
const INTEGER_FIELDS = ['generation', 'deletionGracePeriodSeconds'];
const ARRAY_FIELDS = ['ownerReferences', 'finalizers', 'managedFields'];

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why a label or annotation key is invalid, or undefined when it is fine. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'the prefix before "/" is empty';
    if (!isDns1123Subdomain(prefix)) {
      return 'the prefix before "/" must be a lower-case DNS subdomain (at most 253 characters)';
    }
  }
  if (name.length === 0) return 'the name part is empty';
  if (name.length > 63) return 'the name part is longer than 63 characters';
  if (!QUALIFIED_NAME.test(name)) {
    return 'the name part must start and end with a letter or digit and hold only letters, digits, "-", "_" and "."';
  }
  return undefined;
}

/** Checks the parts of `metadata` the API server validates for every object. */
export function checkMetadata(meta: unknown, add: Add): void {
  if (meta === undefined || meta === null) {
    add('schema-required-field', ['metadata', 'name'], 'The object has no metadata; metadata.name is required.', 'Add metadata.name.');
    return;
  }
  if (!isPlainObject(meta)) {
    add('schema-type-mismatch', ['metadata'], `metadata must be an object, but is ${Array.isArray(meta) ? 'a list' : `a ${typeof meta}`}.`, 'Write metadata as an object with at least a name.');
    return;
  }
  for (const [key, value] of Object.entries(meta)) {
    const path = ['metadata', key];
    if (!OBJECT_META_FIELDS.includes(key)) {
      const close = closestNames(key, OBJECT_META_FIELDS, 1);
      add('schema-unknown-field', path,
        `\`${key}\` is not a field of metadata.${close.length > 0 ? ` Did you mean \`${close[0].name}\`?` : ''}`,
        close.length > 0 ? `Rename \`${key}\` to \`${close[0].name}\`.` : `Remove \`${key}\`, or put it in metadata.labels or metadata.annotations.`);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (STRING_FIELDS.includes(key) && typeof value !== 'string') {
      add('schema-type-mismatch', path, `metadata.${key} must be a string, but is ${JSON.stringify(value)}.`, typeof value === 'object' ? `Write a string in its place (${key} is text).` : `Quote it: "${String(value)}".`);
    } else if (INTEGER_FIELDS.includes(key) && !Number.isInteger(value)) {
      add('schema-type-mismatch', path, `metadata.${key} must be an integer, but is ${JSON.stringify(value)}.`, 'Write a whole number.');
    } else if (ARRAY_FIELDS.includes(key) && !Array.isArray(value)) {
      add('schema-type-mismatch', path, `metadata.${key} must be a list.`, 'Make it a list.');
    } else if ((key === 'labels' || key === 'annotations')) {
      checkStringMap(key, value, add);
    }
  }

  const name = meta.name;
  if (name === undefined || name === null) {
    if (typeof meta.generateName !== 'string' || meta.generateName === '') {
      add('schema-required-field', ['metadata', 'name'], 'metadata.name is required.', 'Add metadata.name (a lower-case DNS name such as "reviews").');
    }
  } else if (typeof name === 'string') {
    if (name === '') {
      add('schema-required-field', ['metadata', 'name'], 'metadata.name is empty.', 'Give the object a name (a lower-case DNS name such as "reviews").');
    } else if (!isDns1123Subdomain(name)) {
      add('schema-invalid-format', ['metadata', 'name'],
        `metadata.name "${name}" is not a valid name: it must be lower-case letters, digits, "-" and ".", start and end with a letter or digit, and be at most 253 characters.`,
        `Use a name such as "${suggestDnsName(name)}".`, Severity.WARNING);
    }
  }
  const ns = meta.namespace;
  if (typeof ns === 'string' && ns !== '' && !isDns1123Label(ns)) {
    add('schema-invalid-format', ['metadata', 'namespace'],
      `metadata.namespace "${ns}" is not a valid namespace name: it must be lower-case letters, digits and "-", start and end with a letter or digit, and be at most 63 characters.`,
      `Use a namespace such as "${suggestDnsName(ns).replace(/\./g, '-').slice(0, 63)}".`, Severity.WARNING);
  }
}

function checkStringMap(field: 'labels' | 'annotations', value: unknown, add: Add): void {
  if (!isPlainObject(value)) {
    add('schema-type-mismatch', ['metadata', field], `metadata.${field} must be a map of strings.`, `Write metadata.${field} as key: "value" pairs.`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const path = ['metadata', field, k];
    const at = formatPath(path);
    if (typeof v !== 'string') {
      add('schema-type-mismatch', path, `${at} must be a string, but is ${JSON.stringify(v)}.`, `Quote the value: "${String(v)}".`);
      continue;
    }
    const keyProblem = qualifiedNameProblem(k);
    if (keyProblem) {
      add('schema-invalid-format', path, `The ${field === 'labels' ? 'label' : 'annotation'} key "${k}" is invalid: ${keyProblem}.`, 'Use a key like "app" or "example.com/team".', Severity.WARNING);
    }
    if (field === 'labels' && (v.length > 63 || !LABEL_VALUE.test(v))) {
      add('schema-invalid-format', path,
        `The label value "${v}" is invalid: at most 63 characters, starting and ending with a letter or digit, with only letters, digits, "-", "_" and "." between.`,
        'Shorten the value or replace the other characters with "-".', Severity.WARNING);
    }
  }
}

/** A DNS-1123 version of a name, for fix texts. */
function suggestDnsName(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 253);
  return s === '' ? 'my-object' : s;
}

/**
 * Label and annotation values that are not strings in a built-in Kubernetes object's metadata or
 * its pod template's: the API server cannot decode such an object (labels and annotations are
 * maps of strings), so it rejects it, as `istioctl validate` does for a Deployment.
 */
export function nonStringLabelIssues(manifest: unknown, templatePath: readonly string[] | undefined): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const check = (meta: unknown, at: Array<string | number>) => {
    if (!isPlainObject(meta)) return;
    for (const field of ['labels', 'annotations']) {
      const map = meta[field];
      if (!isPlainObject(map)) continue;
      for (const [k, v] of Object.entries(map)) {
        if (typeof v === 'string' || v === null) continue;
        const path = [...at, 'metadata', field, k];
        out.push({
          rule: 'schema-type-mismatch',
          path,
          message: `${formatPath(path)} must be a string, but is ${JSON.stringify(v)}; Kubernetes rejects the object (${field} are strings).`,
          fix: `Quote the value: "${typeof v === 'object' ? '…' : String(v)}".`,
        });
      }
    }
  };
  if (!isPlainObject(manifest)) return out;
  check(manifest.metadata, []);
  if (templatePath && templatePath.length > 0) {
    let node: unknown = manifest;
    for (const seg of templatePath) node = isPlainObject(node) ? node[seg] : undefined;
    check(isPlainObject(node) ? node.metadata : undefined, [...templatePath]);
  }
  return out;
}

/**
 * Service port `appProtocol` values that are not qualified names (`http`, `kubernetes.io/h2c`): the
 * API server rejects the Service.
 */
export function serviceAppProtocolIssues(manifest: unknown): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const spec = isPlainObject(manifest) && isPlainObject(manifest.spec) ? manifest.spec : undefined;
  const ports = spec && Array.isArray(spec.ports) ? spec.ports : [];
  ports.forEach((p: unknown, i: number) => {
    if (!isPlainObject(p) || typeof p.appProtocol !== 'string') return;
    const problem = qualifiedNameProblem(p.appProtocol);
    if (!problem) return;
    out.push({
      rule: 'schema-invalid-format',
      path: ['spec', 'ports', i, 'appProtocol'],
      message: `appProtocol "${p.appProtocol}" is not a qualified name (${problem}); Kubernetes rejects the Service.`,
      fix: 'Name the protocol, e.g. http, grpc, tcp or kubernetes.io/h2c.',
    });
  });
  return out;
}
