import * as fs from 'fs';
import * as path from 'path';
import { CelValidator } from './cel-validation';
import { incompleteCrds } from './crd-completeness';
import { CrdParseError, deriveFieldTable } from './derive-field-table';
import { FieldTableLookup } from '../schema/field-table';

/** A CRD file that cannot be used: the message says which file, what is wrong, and what to pass. */
export class CrdFileError extends Error {}

/** Where to get the CRDs of the Istio version a cluster runs, for error messages. */
export const CRD_FILE_HINT =
  'Pass the CustomResourceDefinitions of the Istio version you run: manifests/charts/base/files/crd-all.gen.yaml '
  + 'of the Istio release, or `kubectl get crd -l app=istio-pilot -o yaml > istio-crds.yaml` from the cluster.';

interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly schemas: CrdSchemas;
}

const fileCache = new Map<string, CacheEntry>();

/**
 * The CustomResourceDefinitions of one Istio version, read from a file: a field table derived from
 * their OpenAPI schemas (for the schema rules) and their `x-kubernetes-validations` CEL rules
 * (for `schema-cel-validation`), compiled once and reused for every object analysed.
 */
export class CrdSchemas {
  /**
   * Reads a CRD file (multi-document YAML, as `kubectl get crd -o yaml` or Istio's
   * `crd-all.gen.yaml`). A file read before is reused while its size and modification time stay
   * the same.
   * @param file path of the file (relative paths are resolved against the process's folder)
   * @param displayName how messages name the file
   * @throws CrdFileError when the file is missing, unreadable, not YAML, or holds no CRD
   */
  public static fromFile(file: string, displayName: string = file): CrdSchemas {
    const absolute = path.resolve(file);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CrdFileError(`${displayName}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (e as Error).message})`}. ${CRD_FILE_HINT}`);
    }
    if (stat.isDirectory()) {
      throw new CrdFileError(`${displayName} is a folder, not a CRD file. ${CRD_FILE_HINT}`);
    }
    const cached = fileCache.get(absolute);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.schemas;
    let text: string;
    try {
      text = fs.readFileSync(absolute, 'utf8');
    } catch (e) {
      throw new CrdFileError(`${displayName}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). ${CRD_FILE_HINT}`);
    }
    const schemas = CrdSchemas.fromYaml(text, displayName);
    fileCache.set(absolute, { mtimeMs: stat.mtimeMs, size: stat.size, schemas });
    return schemas;
  }

  /**
   * Derives the schemas from the text of a CRD file.
   * @param source the file's name, for messages
   * @throws CrdFileError when the text is not YAML, holds no CRD, or looks cut short
   */
  public static fromYaml(text: string, source: string): CrdSchemas {
    const incomplete = incompleteCrds(text);
    if (incomplete.length > 0) {
      throw new CrdFileError(
        `${source}: ${incomplete.join('; ')}. Every CustomResourceDefinition needs these fields, so the file `
        + `looks cut short (an interrupted download or copy); write it again. ${CRD_FILE_HINT}`,
      );
    }
    const notes: string[] = [];
    const ignored = new Map<string, number>();
    try {
      const table = deriveFieldTable(text, source, {
        onUnknownKeyword: (keyword) => ignored.set(keyword, (ignored.get(keyword) ?? 0) + 1),
      });
      for (const [keyword, count] of ignored) {
        notes.push(`schema keyword '${keyword}' (${count}×) is not checked`);
      }
      return new CrdSchemas(source, new FieldTableLookup(table), notes);
    } catch (e) {
      if (e instanceof CrdParseError) {
        throw new CrdFileError(`${e.message}. ${CRD_FILE_HINT}`);
      }
      throw e;
    }
  }

  /** Things about the file the analysis cannot check (schema keywords, CEL rules it skips). */
  public readonly notes: readonly string[];
  /** The CEL evaluator of these CRDs (compiled programs are cached in it). */
  public readonly cel: CelValidator;

  private constructor(
    /** The file the CRDs were read from, as given. */
    public readonly source: string,
    /** The field table derived from the CRDs' OpenAPI schemas. */
    public readonly lookup: FieldTableLookup,
    notes: string[],
  ) {
    this.cel = new CelValidator(lookup);
    for (const [expression, why] of this.cel.precompile()) {
      notes.push(`CEL rule \`${expression.replace(/\s+/g, ' ')}\` is not evaluated: it ${why}`);
    }
    this.notes = notes;
  }

  /** Kinds the file defines, as `group/Kind`. */
  public kinds(): string[] {
    return this.lookup.kinds().map((k) => `${k.group}/${k.kind}`);
  }
}
