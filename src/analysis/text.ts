/**
 * Words for messages, written once for every rule: name suggestions for misspelt field names,
 * kinds, enum values and rule ids ("did you mean"), short lists, and how objects, workloads and
 * label maps are named.
 */
import { ObjectRecord } from './manifest';
import type { PodTemplateRecord } from './model';

/** Lower case without `_`, `-`, spaces or dots: `per_try_timeout`, `PerTryTimeout` → `pertrytimeout`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_ .]/g, '');
}

/** `per_try_timeout` / `per-try-timeout` → `perTryTimeout`. */
export function toCamelCase(name: string): string {
  return name.replace(/[-_]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions), so that
 * `retires` is one edit from `retries`. With `transpositions` false it is the plain Levenshtein
 * distance (a swap costs two), which some suggestions were tuned against.
 */
export function editDistance(a: string, b: string, transpositions = true): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prevPrev[j - 2] + 1);
      }
      cur.push(d);
    }
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** How a candidate relates to the name that was written. */
export enum MatchKind {
  /** Same name once case and `_`/`-` are ignored (`per_try_timeout` → `perTryTimeout`). */
  SPELLING = 'spelling',
  /** A few edits away, or the singular/plural of it (`retry` → `retries`). */
  CLOSE = 'close',
  /** One name contains the other (`timeout` → `perTryTimeout`). */
  CONTAINS = 'contains',
}

export interface NameMatch {
  readonly name: string;
  readonly kind: MatchKind;
}

/** Naive English singular of a normalised name: `retries` → `retry`, `hosts` → `host`. */
function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (name.endsWith('sses')) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

/** Largest edit distance still taken as a typo of a name of this length. */
function maxDistance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

/**
 * Candidates that the written name probably meant, best first: same spelling ignoring case and
 * separators, then by edit distance, then names that contain it (or that it contains).
 */
export function closestNames(written: string, candidates: Iterable<string>, limit = 3): NameMatch[] {
  const norm = normalizeName(written);
  const lower = written.toLowerCase();
  const scored: Array<{ name: string; kind: MatchKind; score: number }> = [];
  for (const name of new Set(candidates)) {
    if (name === written) continue;
    const candNorm = normalizeName(name);
    if (candNorm === norm) {
      scored.push({ name, kind: MatchKind.SPELLING, score: 0 });
      continue;
    }
    if (singular(norm) === singular(candNorm)) {
      scored.push({ name, kind: MatchKind.CLOSE, score: 0.5 });
      continue;
    }
    const d = Math.min(editDistance(lower, name.toLowerCase()), editDistance(norm, candNorm));
    if (d <= maxDistance(Math.min(norm.length, candNorm.length))) {
      scored.push({ name, kind: MatchKind.CLOSE, score: d });
      continue;
    }
    const shorter = norm.length <= candNorm.length ? norm : candNorm;
    const longer = norm.length <= candNorm.length ? candNorm : norm;
    if (shorter.length >= 4 && longer.includes(shorter)) {
      scored.push({ name, kind: MatchKind.CONTAINS, score: 10 + longer.length - shorter.length });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map(({ name, kind }) => ({ name, kind }));
}

/** `a`, `a` or `b`, `a`, `b` or `c` — names in backticks joined for a sentence. */
export function orList(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** `a`, `a` and `b`, … */
export function andList(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** Lists up to `max` items, then "and N more", so that a message stays one line. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `Kind namespace/name` of an object, for messages: `PeerAuthentication shop/default`. */
export function describeObject(o: ObjectRecord): string {
  return `${o.kind} ${o.namespace}/${o.name}`;
}

/** `Deployment shop/frontend`: the workload that owns a pod template, for messages. */
export function describeWorkload(pod: PodTemplateRecord): string {
  return `${pod.owner.kind} ${pod.namespace}/${pod.owner.name}`;
}

/** `namespace/name` of an object. */
export function qualifiedName(o: ObjectRecord): string {
  return `${o.namespace}/${o.name}`;
}

/**
 * How a message names `other` next to `self`: its namespace/name, and where it comes from when
 * the two share it (objects without a name, which the model keeps apart, or copies of one name
 * analysed together), so that "X … also defined by X" never reads as the object itself.
 */
export function otherObjectName(other: ObjectRecord, self: ObjectRecord): string {
  const name = qualifiedName(other);
  if (name !== qualifiedName(self) || other.kind !== self.kind) return name;
  const src = other.source;
  const where = src.constructPath
    ? `, emitted by construct ${src.constructPath}`
    : src.file
      ? `, in ${src.file}${src.line !== undefined ? `:${src.line}` : ''}`
      : '';
  return other.name === '' ? `another ${other.kind} without a name in namespace ${other.namespace}${where}` : `another ${other.kind} named ${name}${where}`;
}

/** `key=value, …` of a label map or selector for messages; `empty` when it has no entry. */
export function formatLabels(labels: Record<string, string>, empty = '(none)'): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? empty : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}
