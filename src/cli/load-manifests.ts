import * as fs from 'fs';
import * as path from 'path';
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
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

export interface LoadOptions {
  /** Folder that relative paths are resolved against. */
  readonly cwd: string;
  /** Reads standard input completely; called at most once. */
  readonly readStdin: () => Promise<string>;
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
  const patches = kustomizePatchFiles(files, options.cwd);
  for (const file of files) {
    let text: string;
    try {
      text = file.absolutePath === undefined ? await options.readStdin() : fs.readFileSync(file.absolutePath, 'utf8');
    } catch (e) {
      result.errors.push({ file: file.name, message: `cannot read file: ${describeFsError(e)}` });
      continue;
    }
    result.files.push(file.name);
    const parsed = parseManifests(text, file.name, file.absolutePath !== undefined ? patches.get(file.absolutePath) : undefined);
    result.sources.push(...parsed.sources);
    result.errors.push(...parsed.errors);
    result.notes.push(...parsed.notes);
  }
  return result;
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
      const found = findManifestFiles(absolutePath);
      if (found.length === 0) {
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

/** Paths (relative, `/`-separated, sorted) of the manifest files under a folder. */
function findManifestFiles(root: string): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (dir: string, rel: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
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
 * Parses the text of one file (YAML, possibly several `---` documents, or JSON) into manifest
 * sources. Empty documents are skipped; `kind: List` (and `…List`) objects are flattened into their
 * items. Each source knows its file, the line where it starts, and the line of any field in it.
 */
export function parseManifests(
  text: string,
  file: string,
  kustomizePatch?: string,
): { sources: ManifestSource[]; errors: InputProblem[]; notes: InputProblem[] } {
  const sources: ManifestSource[] = [];
  const errors: InputProblem[] = [];
  const notes: InputProblem[] = [];
  const lineCounter = new LineCounter();
  const lines = text.split(/\r?\n/);
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });

  const problemAt = (offset: number, message: string): InputProblem => {
    const pos = lineCounter.linePos(offset);
    const excerpt = lines[pos.line - 1];
    return { file, line: pos.line, column: pos.col, message, ...(excerpt !== undefined && excerpt.trim() !== '' ? { excerpt } : {}) };
  };

  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        errors.push(problemAt(err.pos[0], `YAML syntax error: ${firstLine(err.message)}`));
      }
      continue;
    }
    const contents = doc.contents;
    if (contents === null) continue; // empty document (e.g. only comments, or a trailing `---`)
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      errors.push(problemAt(contents.range?.[0] ?? 0, `YAML error: ${firstLine(errorMessage(e))}`));
      continue;
    }
    if (value === null || value === undefined) continue;
    const collect = (obj: unknown, node: unknown, what: string): void => {
      const line = lineOfNode(node, lineCounter);
      if (isPlainObject(obj) && isListKind(obj)) {
        const itemsNode = childNode(resolveAlias(node, doc), 'items', doc);
        (obj.items as unknown[]).forEach((item, i) => {
          collect(item, childNode(itemsNode, i, doc), `${obj.kind} item ${i}`);
        });
        return;
      }
      if (isPlainObject(obj) && typeof obj.apiVersion === 'string' && typeof obj.kind === 'string') {
        sources.push({
          manifest: obj,
          file,
          ...(line !== undefined ? { line } : {}),
          lineOf: (segments) => lineOfPath(node, segments, doc, lineCounter) ?? line,
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
    collect(value, contents, 'document');
  }
  return { sources, errors, notes };
}

/** Names kustomize gives its configuration file, in the order it looks for them. */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The input files that a kustomization lists as patches, each with the kustomization (as a path
 * relative to `cwd`). The kustomizations looked at are those in the folders of the input files,
 * whether or not they are inputs themselves. A file that a kustomization also lists under
 * `resources` is an object, not a patch.
 */
export function kustomizePatchFiles(files: readonly InputFile[], cwd: string): Map<string, string> {
  const patches = new Map<string, string>();
  const resources = new Set<string>();
  const folders = new Set(files.flatMap((f) => (f.absolutePath !== undefined ? [path.dirname(f.absolutePath)] : [])));
  for (const folder of folders) {
    const found = KUSTOMIZATION_NAMES.map((n) => path.join(folder, n)).find((p) => fs.existsSync(p));
    if (!found) continue;
    let k: unknown;
    try {
      k = parseAllDocuments(fs.readFileSync(found, 'utf8'))[0]?.toJS();
    } catch {
      continue; // an unreadable kustomization says nothing about patches
    }
    if (!isPlainObject(k)) continue;
    const shown = path.relative(cwd, found) || found;
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

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return errorMessage(e);
  }
}
