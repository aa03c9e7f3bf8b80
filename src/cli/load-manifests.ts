import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Document, DocumentOptions, isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, ParseOptions, parseAllDocuments, SchemaOptions, visit } from 'yaml';
import { inputRead } from './heap-growth';
import { indentQuotedContinuations } from './quoted-continuations';
import { isPlainObject, ManifestSource } from '../analysis/manifest';

/** The path argument that means "read standard input". */
export const STDIN_ARG = '-';
/** The file name diagnostics show for manifests read from standard input. */
export const STDIN_NAME = '<stdin>';
/** File extensions picked up when a folder is given (compared case-insensitively). */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];
/** Folders never searched when a folder is given: hidden ones (`.git`, …) and these. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Something about the input that the user has to know: where it is and what it is. */
export interface InputProblem {
  /** File as the user sees it (the path given, or a path under the folder given). */
  readonly file: string;
  /** 1-based line, when the problem has one. */
  readonly line?: number;
  /** 1-based column, when the problem has one. */
  readonly column?: number;
  readonly message: string;
  /** The offending source line, to quote under the message. */
  readonly excerpt?: string;
}

/** A file to read: what to call it in messages, and where it is (undefined for stdin). */
export interface InputFile {
  readonly name: string;
  readonly absolutePath?: string;
}

/** Default limit on the size of one input file: 64 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Default limit on the size of all input files together: 256 MiB. */
export const DEFAULT_MAX_TOTAL_BYTES = 256 * 1024 * 1024;

export interface LoadOptions {
  /** Folder that relative paths are resolved against. */
  readonly cwd: string;
  /**
   * Reads standard input, at most `limit` bytes (it may stop at `limit + 1` bytes to show that
   * the input is longer); called at most once.
   */
  readonly readStdin: (limit: number) => Promise<Buffer | string>;
  /**
   * Largest file read, in bytes; a larger one is an input problem.
   * @default DEFAULT_MAX_FILE_BYTES
   */
  readonly maxFileBytes?: number;
  /**
   * Largest total of all files read, in bytes.
   * @default DEFAULT_MAX_TOTAL_BYTES
   */
  readonly maxTotalBytes?: number;
}

export interface LoadResult {
  /** Every Kubernetes object found, in file order then document order. */
  readonly sources: ManifestSource[];
  /** Names of the files read, in the order they were read. */
  readonly files: string[];
  /** Reasons the input could not be read or parsed; lint must not run when there is any. */
  readonly errors: InputProblem[];
  /** Documents that were skipped because they are not Kubernetes objects. */
  readonly notes: InputProblem[];
}

/**
 * Reads every path (file, folder, or `-` for stdin) into manifest sources that carry their file
 * and line numbers. Problems are collected rather than thrown, so that one run reports every
 * unreadable file at once.
 */
export async function loadManifests(paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const { files, errors } = expandPaths(paths, options.cwd);
  const result: LoadResult = { sources: [], files: [], errors, notes: [] };
  const maxFile = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const patches = kustomizePatchFiles(files, options.cwd, maxFile, errors);
  const maxTotal = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  let total = 0;
  // One copy of each string value across all inputs (see compactCopy).
  const strings = new Map<string, string>();
  for (const file of files) {
    // Never read more than either limit allows: the rest of the input cannot be checked anyway.
    const limit = Math.min(maxFile, Math.max(0, maxTotal - total));
    let bytes: Buffer;
    try {
      bytes = file.absolutePath === undefined
        ? toBuffer(await options.readStdin(limit))
        : readFileCapped(file.absolutePath, limit);
    } catch (e) {
      result.errors.push({ file: file.name, message: `cannot read file: ${describeFsError(e)}` });
      continue;
    }
    if (bytes.length > limit) {
      result.errors.push({
        file: file.name,
        message: limit === maxFile
          ? `larger than the limit of ${formatBytes(maxFile)} a file; raise it with --max-bytes (e.g. --max-bytes ${formatBytes(maxFile * 4).replace(' ', '')}) if the file is meant to be this large`
          : `the inputs together are larger than the limit of ${formatBytes(maxTotal)}; raise it with --max-total-bytes, or lint fewer files at once`,
      });
      break; // reading on would only read more of what cannot be checked
    }
    total += bytes.length;
    inputRead(total);
    const decoded = decodeText(bytes);
    if (typeof decoded !== 'string') {
      result.errors.push({ file: file.name, message: decoded.problem });
      continue;
    }
    result.files.push(file.name);
    const parsed = parseManifests(
      decoded,
      file.name,
      file.absolutePath !== undefined ? patches.get(file.absolutePath) : undefined,
      file.absolutePath !== undefined && isRegularFile(file.absolutePath) ? rereader(file.absolutePath, bytes, limit) : undefined,
      strings,
    );
    // Loops, not push(...list): spreading a list of 100,000+ items overflows the call stack.
    for (const s of parsed.sources) result.sources.push(s);
    for (const e of parsed.errors) result.errors.push(e);
    for (const n of parsed.notes) result.notes.push(n);
  }
  return result;
}

/**
 * Reads a file again for line lookups, so that its text need not stay in memory while the rules
 * run; undefined when it no longer holds the bytes that were analysed (edited meanwhile), since
 * its lines would then point at the wrong place. Standard input cannot be read twice: its text is
 * kept instead.
 */
function rereader(file: string, bytes: Buffer, limit: number): TextSource {
  const digest = createHash('sha256').update(bytes).digest('hex');
  return () => {
    try {
      const again = readFileCapped(file, limit);
      if (createHash('sha256').update(again).digest('hex') !== digest) return undefined;
      const text = decodeText(again);
      return typeof text === 'string' ? text : undefined;
    } catch {
      return undefined;
    }
  };
}

/** Whether a path is a regular file, which can be read twice (a FIFO or `<(…)` cannot). */
function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function toBuffer(data: Buffer | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/**
 * Reads at most `limit + 1` bytes of a file: enough to tell that it is larger than `limit`
 * without reading all of it. The size on disk is not trusted, since devices (`/dev/zero`),
 * FIFOs and process substitutions (`<(kustomize build)`) have none; a regular file already
 * larger than the limit is not read at all.
 */
export function readFileCapped(file: string, limit: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: ${file}`), { code: 'EISDIR' });
    }
    if (stat.isFile() && stat.size > limit) return Buffer.alloc(limit + 1);
    const chunks: Buffer[] = [];
    let read = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - read));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      read += n;
      if (read > limit) break;
    }
    return Buffer.concat(chunks, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** A byte count as the user would write it: `64 MiB`, `1.5 GiB`, `512 bytes`. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} bytes`;
}

/**
 * Parses a size: plain bytes (`1048576`), or a number with a unit: KiB, MiB, GiB (powers of
 * 1024), kB, MB, GB (powers of 1000), K/M/G taken as the binary units; case-insensitive.
 * Undefined for anything else, zero or negative sizes included.
 */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const units: Record<string, number> = {
    '': 1,
    'b': 1,
    'k': 1024,
    'ki': 1024,
    'kib': 1024,
    'kb': 1000,
    'm': 1024 ** 2,
    'mi': 1024 ** 2,
    'mib': 1024 ** 2,
    'mb': 1000 ** 2,
    'g': 1024 ** 3,
    'gi': 1024 ** 3,
    'gib': 1024 ** 3,
    'gb': 1000 ** 3,
  };
  const unit = units[m[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * Decodes a file by its byte-order mark: UTF-8 (with or without one), UTF-16 LE/BE, UTF-32
 * LE/BE. Returns the text, or why it cannot be read as text: a NUL byte without a byte-order
 * mark means a binary file (or UTF-16/32 saved without a mark), and invalid UTF-8 is refused
 * rather than read with replacement characters that would change names and values.
 */
export function decodeText(bytes: Buffer): string | { problem: string } {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  let text: string | undefined;
  let encoding = 'UTF-8';
  try {
    if (starts(0xff, 0xfe, 0x00, 0x00)) {
      encoding = 'UTF-32LE';
      text = decodeUtf32(bytes.subarray(4), true);
    } else if (starts(0x00, 0x00, 0xfe, 0xff)) {
      encoding = 'UTF-32BE';
      text = decodeUtf32(bytes.subarray(4), false);
    } else if (starts(0xff, 0xfe)) {
      encoding = 'UTF-16LE';
      text = decodeUtf16(bytes.subarray(2), true);
    } else if (starts(0xfe, 0xff)) {
      encoding = 'UTF-16BE';
      text = decodeUtf16(bytes.subarray(2), false);
    } else {
      const body = starts(0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes;
      const nul = body.indexOf(0);
      if (nul >= 0) {
        return {
          problem: `not a text file: it holds a NUL byte (at byte ${nul}). If it is UTF-16 or UTF-32 text, save it with a byte-order mark, or as UTF-8`,
        };
      }
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    }
  } catch {
    return { problem: `not valid ${encoding} text; save it as UTF-8` };
  }
  return text;
}

/** UTF-16 without its byte-order mark; throws on an odd length or an unpaired surrogate. */
function decodeUtf16(bytes: Buffer, littleEndian: boolean): string {
  if (bytes.length % 2 !== 0) throw new Error('odd length');
  const units = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < units.length; i++) {
    units[i] = littleEndian ? bytes.readUInt16LE(2 * i) : bytes.readUInt16BE(2 * i);
  }
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = units[i + 1];
      if (next === undefined || next < 0xdc00 || next > 0xdfff) throw new Error('unpaired surrogate');
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      throw new Error('unpaired surrogate');
    }
  }
  // Built in pieces: one String.fromCharCode over the whole file would overflow the stack.
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) {
    parts.push(String.fromCharCode.apply(null, Array.from(units.subarray(i, i + 8192))));
  }
  return parts.join('');
}

/** UTF-32 without its byte-order mark; throws on a length not a multiple of 4 or a non-character. */
function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  if (bytes.length % 4 !== 0) throw new Error('length not a multiple of 4');
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error('not a code point');
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join('');
}

/**
 * Turns the path arguments into the list of files to read: files as given, folders searched
 * recursively for manifest files (sorted, hidden folders and node_modules skipped), `-` as stdin.
 * A path given twice is read once.
 */
export function expandPaths(paths: readonly string[], cwd: string): { files: InputFile[]; errors: InputProblem[] } {
  const files: InputFile[] = [];
  const errors: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (file: InputFile) => {
    const key = file.absolutePath ?? STDIN_ARG;
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };

  for (const arg of paths) {
    if (arg === STDIN_ARG) {
      add({ name: STDIN_NAME });
      continue;
    }
    const absolutePath = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolutePath);
    } catch (e) {
      errors.push({ file: arg, message: `cannot read: ${describeFsError(e)}` });
      continue;
    }
    if (stat.isDirectory()) {
      const before = errors.length;
      const found = findManifestFiles(absolutePath, (rel, e) => {
        errors.push({ file: rel === '' ? arg : path.join(arg, ...rel.split('/')), message: `cannot read folder: ${describeFsError(e)}` });
      });
      if (found.length === 0 && errors.length === before) {
        errors.push({
          file: arg,
          message: `folder contains no manifest files (looked for ${MANIFEST_EXTENSIONS.map((e) => `*${e}`).join(', ')})`,
        });
      }
      for (const rel of found) {
        add({ name: path.join(arg, ...rel.split('/')), absolutePath: path.join(absolutePath, ...rel.split('/')) });
      }
    } else {
      // A file named explicitly is read whatever its extension.
      add({ name: arg, absolutePath });
    }
  }
  return { files, errors };
}

/**
 * Paths (relative, `/`-separated, sorted) of the manifest files under a folder. A subfolder that
 * cannot be read is reported through `onError` (and lint then checks nothing): skipping it would
 * check a part of the manifests as if it were all of them, and cross-object checks would then
 * report objects as missing.
 */
function findManifestFiles(root: string, onError: (rel: string, e: unknown) => void): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (dir: string, rel: string) => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (visited.has(real)) return; // a symlink loop
      visited.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      onError(rel, e);
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
        walk(full, relPath);
      } else if (isFile && MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
        found.push(relPath);
      }
    }
  };
  walk(root, '');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Gives back the text of one input when a finding needs the line of a field: the file read again,
 * or undefined when it changed since it was read (the finding then gets the document's line).
 */
export type TextSource = () => string | undefined;

/** The YAML tree of one file, parsed again for line lookups (no documents when the text is gone). */
interface ReparsedFile {
  readonly docs: Document[] | undefined;
  readonly lineCounter: LineCounter;
}

/** What the `lineOf` functions of one file share: its tree, while it is the one kept. */
interface FileTrees {
  tree?: ReparsedFile;
}

/**
 * The file whose tree is kept. Only one tree is kept at a time: the engine asks for lines in input
 * order, so each file is parsed again at most once, and the trees of a million documents are never
 * in memory together. A weak reference, so that the tree goes with the sources that need it.
 */
let treeKept: WeakRef<FileTrees> | undefined;

function constantText(text: string): TextSource {
  return () => text;
}

/**
 * `lineOf` functions for the documents of one file. They hold the document's index, its List item
 * indices and its line, and parse the file again when asked.
 */
function lazyLines(text: TextSource) {
  const trees: FileTrees = {};
  const treeOf = (): ReparsedFile => {
    if (trees.tree === undefined) {
      const previous = treeKept?.deref();
      if (previous) previous.tree = undefined;
      const t = text();
      const parsed = t === undefined ? undefined : parseYaml(t);
      trees.tree = { lineCounter: parsed?.lineCounter ?? new LineCounter(), docs: parsed?.docs };
      treeKept = new WeakRef(trees);
    }
    return trees.tree;
  };
  return (docIndex: number, items: readonly number[], line: number | undefined) => (segments: Array<string | number>): number | undefined => {
    const tree = treeOf();
    const doc = tree.docs?.[docIndex];
    if (doc === undefined || doc.contents === null) return line;
    let at: unknown = doc.contents;
    for (const i of items) at = childNode(childNode(resolveAlias(at, doc), 'items', doc), i, doc);
    return lineOfPath(at, segments, doc, tree.lineCounter) ?? line;
  };
}

/**
 * Parses YAML as Kubernetes does: when the text does not parse, and indenting the continuation
 * lines of multi-line quoted values past their key (which go-yaml accepts unindented, see
 * quoted-continuations.ts) leaves fewer errors, that reading is used. `reindentedLine` is then the
 * first line that was indented.
 */
function parseYaml(text: string): { docs: Document[]; lineCounter: LineCounter; reindentedLine?: number } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, YAML_READ_OPTIONS(lineCounter)) as Document[];
  const errorCount = (ds: Document[]) => ds.reduce((n, d) => n + d.errors.length, 0);
  const before = errorCount(docs);
  if (before === 0) return { docs, lineCounter };
  const fixed = indentQuotedContinuations(text);
  if (fixed === text) return { docs, lineCounter };
  const fixedCounter = new LineCounter();
  const again = parseAllDocuments(fixed, YAML_READ_OPTIONS(fixedCounter)) as Document[];
  if (errorCount(again) >= before) return { docs, lineCounter };
  let at = 0;
  while (at < text.length && text[at] === fixed[at]) at++;
  return { docs: again, lineCounter: fixedCounter, reindentedLine: fixedCounter.linePos(at).line };
}

/**
 * Parses the text of one file (YAML, possibly several `---` documents, or JSON) into manifest
 * sources. Empty documents are skipped; `kind: List` (and `…List`) objects are flattened into their
 * items. Each source knows its file, the line where it starts, and the line of any field in it.
 *
 * The YAML tree is not kept: a source remembers which document (and List item) it is, and
 * `lineOf` parses the file again, from `reread` (the file read again) or else from `text`, the
 * first time a finding needs a line. Keeping every document's tree would take several times the
 * memory of the objects themselves.
 */
export function parseManifests(
  text: string,
  file: string,
  kustomizePatch?: string,
  reread?: TextSource,
  strings: Map<string, string> = new Map(),
): { sources: ManifestSource[]; errors: InputProblem[]; notes: InputProblem[] } {
  const sources: ManifestSource[] = [];
  const errors: InputProblem[] = [];
  const notes: InputProblem[] = [];
  const { docs, lineCounter, reindentedLine } = parseYaml(text);
  // The lines are split only when a problem is reported: most files have none.
  let lines: string[] | undefined;
  if (reindentedLine !== undefined) {
    notes.push({
      file,
      line: reindentedLine,
      message: 'a multi-line quoted value continues at (or left of) its key\'s indentation, which YAML 1.2 refuses; ' +
        'read as Kubernetes (go-yaml) reads it',
    });
  }
  // Built outside this function's scope: a closure made here would keep `text` and the trees alive.
  const lazy = lazyLines(reread ?? constantText(text));
  // Walking every node for collection keys costs as much as a tenth of the parse; a file without
  // an explicit key (`? `) or a flow collection before a colon (`]:`, `}:`) cannot have one.
  const mayHaveCollectionKeys = COLLECTION_KEY_HINT.test(text);

  const problemAt = (offset: number, message: string): InputProblem => {
    const pos = lineCounter.linePos(offset);
    lines ??= text.split(/\r?\n/);
    const excerpt = lines[pos.line - 1];
    return { file, line: pos.line, column: pos.col, message, ...(excerpt !== undefined && excerpt.trim() !== '' ? { excerpt } : {}) };
  };

  docs.forEach((doc, docIndex) => {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        errors.push(problemAt(err.pos[0], `YAML syntax error: ${firstLine(err.message)}`));
      }
      return;
    }
    for (const w of doc.warnings) {
      notes.push(problemAt(w.pos[0], `YAML warning: ${firstLine(w.message)}`));
    }
    const contents = doc.contents;
    if (contents === null) return; // empty document (e.g. only comments, or a trailing `---`)
    if (mayHaveCollectionKeys) {
      visit(contents, {
        Pair(_, pair) {
          // The yaml library would print its own warning to stderr; say it here, with the line.
          if (isCollection(pair.key)) {
            notes.push(problemAt(
              (pair.key as { range?: [number, number, number] | null }).range?.[0] ?? 0,
              `a mapping key is itself a map or list, read as the string ${JSON.stringify(String(pair.key))}` +
              ' (an unrendered Helm or Go template? lint what `helm template` renders)',
            ));
          }
        },
      });
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      errors.push(problemAt(contents.range?.[0] ?? 0, `YAML error: ${firstLine(errorMessage(e))}`));
      return;
    }
    if (value === null || value === undefined) return;
    const collect = (obj: unknown, node: unknown, what: string, items: readonly number[]): void => {
      const line = lineOfNode(node, lineCounter);
      if (isPlainObject(obj) && isListKind(obj)) {
        const itemsNode = childNode(resolveAlias(node, doc), 'items', doc);
        (obj.items as unknown[]).forEach((item, i) => {
          collect(item, childNode(itemsNode, i, doc), `${obj.kind} item ${i}`, [...items, i]);
        });
        return;
      }
      if (isPlainObject(obj) && typeof obj.apiVersion === 'string' && typeof obj.kind === 'string') {
        sources.push({
          manifest: compactCopy(obj, strings),
          file,
          ...(line !== undefined ? { line } : {}),
          lineOf: lazy(docIndex, items, line),
          ...(kustomizePatch !== undefined ? { kustomizePatch } : {}),
        });
        return;
      }
      notes.push({
        file,
        ...(line !== undefined ? { line } : {}),
        message: kustomizePatch !== undefined
          ? `skipped ${what}: a kustomize patch (${kustomizePatch} lists this file as a patch), not a Kubernetes object`
          : KUSTOMIZATION_NAMES.includes(path.basename(file))
            ? `skipped ${what}: a kustomization (kustomize's configuration), not a Kubernetes object`
            : `skipped ${what}: not a Kubernetes object (needs string apiVersion and kind)`,
      });
    };
    collect(value, contents, 'document', NO_ITEMS);
  });
  return { sources, errors, notes };
}

/**
 * The object as the rules will read it, with each string value shared: one copy of each distinct
 * string for the whole input, not one per occurrence (a namespace, a host or an apiVersion is
 * written thousands of times), and none that is a slice of the file's text — V8 keeps the whole
 * text of a file alive for as long as one such slice lives. With a million objects this halves
 * the memory the objects take. Values that are not strings, plain objects or arrays (numbers,
 * booleans, `!!binary` data) are kept as they are.
 */
function compactCopy(value: unknown, strings: Map<string, string>): any {
  if (typeof value === 'string') {
    let shared = strings.get(value);
    if (shared === undefined) {
      // Concatenation and slicing give a string of its own, detached from the file's text.
      shared = value.length >= 13 ? ` ${value}`.slice(1) : value;
      strings.set(shared, shared);
    }
    return shared;
  }
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = compactCopy(value[i], strings);
    return out;
  }
  if (isPlainObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const copy = compactCopy(value[key], strings);
      // A key `__proto__` written in the YAML is a field like any other, not the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
      else out[key] = copy;
    }
    return out;
  }
  return value;
}

/**
 * How lint reads YAML. YAML 1.1, as cdk8s writes it (`Yaml.stringify`) and as Kubernetes reads it
 * (sigs.k8s.io/yaml): a string such as `0o755` or `1:20` that cdk8s writes unquoted must be read
 * back as the string it was, so that lint of synthesized YAML sees what the synth-time analysis
 * saw; `yes`/`on` are booleans and `0755` is octal, as for kubectl. The library's own warnings
 * are turned into notes instead of being printed.
 *
 * Two scalars differ between the yaml library's YAML 1.1 schema and the Go YAML reader Kubernetes
 * uses, and both matter for Istio manifests: the Go reader knows no base-60 numbers, so `1:20`
 * stays a string; and a float needs a digit, so `.` (exportTo's "this namespace", which cdk8s
 * writes unquoted) stays a string instead of becoming NaN.
 */
export const YAML_READ_OPTIONS = (lineCounter?: LineCounter): ParseOptions & DocumentOptions & SchemaOptions => ({
  ...(lineCounter ? { lineCounter } : {}),
  prettyErrors: false,
  version: '1.1',
  logLevel: 'error',
  customTags: kubernetesScalars,
});

/** A YAML 1.1 float with no digit in it (`.`, `-.`, `._`): a string for the Go reader. */
const DIGITLESS = /^[^0-9]*$/;

/** The last tags adjusted, by the tags given: the yaml library asks for every document it reads. */
let adjusted: { given: any[]; result: any[] } | undefined;

/** The YAML 1.1 scalar tags adjusted to read as Kubernetes' Go YAML reader does (see above). */
function kubernetesScalars(tags: any[]): any[] {
  if (adjusted && adjusted.given.length === tags.length && adjusted.given.every((t, i) => t === tags[i])) return adjusted.result.slice();
  const result = adjustTags(tags);
  adjusted = { given: tags.slice(), result };
  return result.slice();
}

function adjustTags(tags: any[]): any[] {
  return tags
    .filter((t) => t.format !== 'TIME')
    .map((t) => {
      if (t.tag !== 'tag:yaml.org,2002:float' || t.format !== undefined || !(t.test instanceof RegExp) || !t.test.source.includes('\\.[0-9_]*$')) return t;
      const test = new RegExp(`(?!${DIGITLESS.source})${t.test.source}`);
      return { ...t, test };
    });
}

/**
 * Text any mapping key that is itself a map or list needs: an explicit key indicator (`?` then a
 * space or line end), or the end of a flow collection followed by a colon (`[a, b]: x`, `{a: b} : x`).
 */
const COLLECTION_KEY_HINT = /\?(?:[ \t\r\n]|$)|[\]}][ \t]*:/m;

/** The List item path of a document that is not in a List, shared by all of them. */
const NO_ITEMS: readonly number[] = [];

/** Names kustomize gives its configuration file, in the order it looks for them. */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The input files that a kustomization lists as patches, each with the kustomization (as a path
 * relative to `cwd`). The kustomizations looked at are those in the folders of the input files,
 * whether or not they are inputs themselves. A file that a kustomization also lists under
 * `resources` is an object, not a patch.
 */
export function kustomizePatchFiles(
  files: readonly InputFile[], cwd: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES, problems: InputProblem[] = [],
): Map<string, string> {
  const patches = new Map<string, string>();
  const resources = new Set<string>();
  const folders = new Set(files.flatMap((f) => (f.absolutePath !== undefined ? [path.dirname(f.absolutePath)] : [])));
  for (const folder of folders) {
    const found = KUSTOMIZATION_NAMES.map((n) => path.join(folder, n)).find((p) => fs.existsSync(p));
    if (!found) continue;
    const shown = path.relative(cwd, found) || found;
    let k: unknown;
    try {
      // Read under the same cap as the inputs: a kustomization is input too, and may be a device or FIFO.
      const bytes = readFileCapped(found, maxBytes);
      if (bytes.length > maxBytes) {
        // An oversized kustomization that is an input itself is reported by the input loop.
        if (files.some((f) => f.absolutePath === found)) continue;
        problems.push({ file: shown, message: `kustomization larger than the limit of ${formatBytes(maxBytes)} a file; raise it with --max-bytes if it is meant to be this large` });
        continue;
      }
      const text = decodeText(bytes);
      if (typeof text !== 'string') continue; // an unreadable kustomization says nothing about patches
      k = parseAllDocuments(text, YAML_READ_OPTIONS())[0]?.toJS();
    } catch {
      continue; // an unreadable kustomization says nothing about patches
    }
    if (!isPlainObject(k)) continue;
    const at = (p: unknown) => (typeof p === 'string' && p !== '' && !p.includes('\n') ? path.resolve(folder, p) : undefined);
    const listed = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
    const patchPaths = [
      ...listed(k.patchesStrategicMerge).map(at),
      ...listed(k.patches).map((p) => (isPlainObject(p) ? at(p.path) : at(p))),
      ...listed(k.patchesJson6902).map((p) => (isPlainObject(p) ? at(p.path) : undefined)),
    ];
    for (const p of patchPaths) if (p !== undefined && !patches.has(p)) patches.set(p, shown);
    for (const r of listed(k.resources)) {
      const p = at(r);
      if (p !== undefined) resources.add(p);
    }
  }
  for (const r of resources) patches.delete(r);
  return patches;
}

/** `kind: List` as kubectl writes it, or a typed list such as `ServiceList`, with an `items` array. */
function isListKind(obj: Record<string, any>): boolean {
  return typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items);
}

/**
 * Line of the field at `segments` below `root`: the line of the key for a mapping field, of the
 * item for a sequence index. When the path leaves the document, the line of the deepest field
 * that exists.
 */
export function lineOfPath(root: unknown, segments: ReadonlyArray<string | number>, doc: Document, lineCounter: LineCounter): number | undefined {
  let node = resolveAlias(root, doc);
  let line = lineOfNode(node, lineCounter);
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyMatches(p.key, segment));
      if (!pair) break;
      line = lineOfNode(pair.key, lineCounter) ?? line;
      node = resolveAlias(pair.value, doc);
    } else if (isSeq(node)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      const item = index >= 0 ? node.items[index] : undefined;
      if (item === undefined) break;
      line = lineOfNode(item, lineCounter) ?? line;
      node = resolveAlias(item, doc);
    } else {
      break;
    }
  }
  return line;
}

function childNode(node: unknown, segment: string | number, doc: Document): unknown {
  if (isMap(node)) {
    return resolveAlias(node.items.find((p) => keyMatches(p.key, segment))?.value, doc);
  }
  if (isSeq(node) && typeof segment === 'number') {
    return resolveAlias(node.items[segment], doc);
  }
  return undefined;
}

function keyMatches(key: unknown, segment: string | number): boolean {
  if (isScalar(key)) return String(key.value) === String(segment);
  return key !== null && key !== undefined && typeof key !== 'object' && String(key) === String(segment);
}

function resolveAlias(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function lineOfNode(node: unknown, lineCounter: LineCounter): number | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '').trim();
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What a filesystem error means, in words (Node's messages repeat the syscall and the path). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    case 'ENXIO':
    case 'ENODEV':
      return 'no such device';
    default:
      return code !== undefined ? `${code} (${errorMessage(e)})` : errorMessage(e);
  }
}
