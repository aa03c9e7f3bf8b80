/**
 * The differential corpus: the inputs given to istioctl and to lint, and istioctl's verdicts on
 * them. Both are stored as gzip-compressed JSON lines under test/differential/ so that the replay
 * test needs neither Go nor istioctl.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { applyMutation, MutationOp } from './mutate';

/** Where a case comes from. */
export type CaseOrigin =
  /** a random valid configuration built with the library's constructs */
  | 'construct'
  /** a construct-built configuration with one field broken */
  | 'construct-mutation'
  /** a hand-written manifest of a kind the constructs do not emit, valid or with one field broken */
  | 'plain'
  /** Istio's own sample and release YAML */
  | 'sample';

/** One YAML file of a case. */
export interface CaseFile {
  readonly name: string;
  readonly content: string;
}

/**
 * One input: a self-contained set of files analysed together by both tools. Every namespaced
 * object carries its namespace, so that istioctl (run with --all-namespaces) and lint see the
 * same objects.
 */
export interface Case {
  /** Stable id, e.g. `construct-0042` or `mut-0042-17`. */
  readonly id: string;
  readonly origin: CaseOrigin;
  /** What the case exercises: the mutation applied, the sample file, the generator's choices. */
  readonly note: string;
  readonly files: CaseFile[];
  /** Mesh config (YAML) given to `istioctl analyze --meshConfigFile` and to lint. */
  readonly meshConfig?: string;
}

/** One object of a case as istioctl names it. */
export interface ObjectRef {
  readonly kind: string;
  /** Namespace; empty for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

/** istioctl validate's verdict on one object. */
export interface ObjectVerdict extends ObjectRef {
  /**
   * accepted: no error; rejected: istioctl validate reported an error on it; unchecked: the file
   * could not be decoded before this object, so istioctl never looked at it.
   */
  readonly validate: 'accepted' | 'rejected' | 'unchecked';
}

/** One `istioctl analyze` message, without its prose. */
export interface AnalyzeMessage extends ObjectRef {
  readonly code: string;
  readonly level: 'Error' | 'Warning' | 'Info';
}

/** istioctl's verdicts on one case. */
export interface Verdict {
  readonly id: string;
  readonly objects: ObjectVerdict[];
  readonly analyze: AnalyzeMessage[];
  /** istioctl validate could not decode a file of the case (objects after that are unchecked). */
  readonly decodeError?: boolean;
  /** istioctl analyze could not run on the case (its messages are then unknown). */
  readonly analyzeFailed?: boolean;
}

/** One message of Istio's analyzers run against an in-memory cluster (the second oracle). */
export interface ClusterMessage extends AnalyzeMessage {
  /** The analyzer that reported it, e.g. `destinationrule.SubsetSelectPodAnalyzer`. */
  readonly analyzer: string;
}

/**
 * The second oracle's verdict on one case: Istio's analyzers (istioctl 1.30.3's) run against an
 * in-memory Kubernetes cluster holding the case's objects, one pod per workload template (see
 * record.ts). Only the messages of the analyzers `istioctl analyze --use-kube=false` skips are kept.
 */
export interface ClusterVerdict {
  readonly id: string;
  readonly analyze: ClusterMessage[];
  /** The analysis could not run on the case (its messages are then unknown). */
  readonly failed?: boolean;
}

export const DIFFERENTIAL_DIR = path.join(__dirname, '..', '..', 'test', 'differential');
export const CORPUS_FILE = path.join(DIFFERENTIAL_DIR, 'corpus.jsonl.gz');
export const VERDICTS_FILE = path.join(DIFFERENTIAL_DIR, 'verdicts.jsonl.gz');
export const CLUSTER_VERDICTS_FILE = path.join(DIFFERENTIAL_DIR, 'cluster-verdicts.jsonl.gz');
export const KNOWN_FILE = path.join(DIFFERENTIAL_DIR, 'known-disagreements.json');
export const FIGURES_FILE = path.join(DIFFERENTIAL_DIR, 'figures.json');

export function writeJsonLines(file: string, rows: readonly unknown[]): void {
  const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  // A fixed mtime-free gzip (level 9) so that regenerating identical data gives identical bytes.
  fs.writeFileSync(file, zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
}

export function readJsonLines<T>(file: string): T[] {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

/**
 * How a case is stored: whole, or as one mutation of an earlier case (`base`), which keeps
 * thousands of variants of one app small.
 */
export type StoredCase =
  | Case
  | { readonly id: string; readonly origin: CaseOrigin; readonly note: string; readonly base: string; readonly mutation: MutationOp };

/** A case as stored: mutations of the base case are kept as the operation, not the YAML. */
export function storeCase(c: Case, base?: { id: string; mutation: MutationOp }): StoredCase {
  return base ? { id: c.id, origin: c.origin, note: c.note, base: base.id, mutation: base.mutation } : c;
}

/** The stored cases with every mutation applied to its base. */
export function materialize(stored: readonly StoredCase[]): Case[] {
  const byId = new Map<string, Case>();
  const out: Case[] = [];
  for (const s of stored) {
    let c: Case;
    if ('base' in s) {
      const base = byId.get(s.base);
      if (!base) throw new Error(`differential corpus: case ${s.id} refers to unknown base ${s.base}`);
      c = { id: s.id, origin: s.origin, note: s.note, files: applyMutation(base.files, s.mutation), ...(base.meshConfig ? { meshConfig: base.meshConfig } : {}) };
    } else {
      c = s;
    }
    byId.set(c.id, c);
    out.push(c);
  }
  return out;
}

export function readCorpus(file = CORPUS_FILE): Case[] {
  return materialize(readJsonLines<StoredCase>(file));
}

export function readVerdicts(file = VERDICTS_FILE): Verdict[] {
  return readJsonLines<Verdict>(file);
}

/** The recorded cluster verdicts, or none when they were never recorded. */
export function readClusterVerdicts(file = CLUSTER_VERDICTS_FILE): ClusterVerdict[] {
  return fs.existsSync(file) ? readJsonLines<ClusterVerdict>(file) : [];
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped): how reports name an object. */
export function objectKey(o: ObjectRef): string {
  return o.namespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}
