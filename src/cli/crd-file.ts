import { parseAllDocuments } from 'yaml';
import { decodeText, describeFsError, formatBytes, readFileCapped, YAML_READ_OPTIONS } from './load-manifests';
import { CRD_FILE_HINT, CrdFileError, CrdSchemas } from '../analysis/crd';
import { isPlainObject } from '../analysis/manifest';

/**
 * Reads `lint --crds FILE` with the limits and encodings of the other inputs, and refuses a file
 * whose CustomResourceDefinitions lack fields the API server requires of every CRD: a file cut
 * short (an interrupted download or copy) ends in the middle of a schema, which would otherwise
 * be read as a CRD with fewer fields, or a version silently left out.
 * @throws CrdFileError naming the file
 */
export function readCrdFile(absolutePath: string, displayName: string, maxBytes: number): CrdSchemas {
  let bytes: Buffer;
  try {
    bytes = readFileCapped(absolutePath, maxBytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a CRD file' : `cannot read it: ${describeFsError(e)}`;
    throw new CrdFileError(`${displayName}: ${what}. ${CRD_FILE_HINT}`);
  }
  if (bytes.length > maxBytes) {
    throw new CrdFileError(`${displayName}: larger than the limit of ${formatBytes(maxBytes)} a file; raise it with --max-bytes`);
  }
  const text = decodeText(bytes);
  if (typeof text !== 'string') throw new CrdFileError(`${displayName}: ${text.problem}`);
  const incomplete = incompleteCrds(text);
  if (incomplete.length > 0) {
    throw new CrdFileError(
      `${displayName}: ${incomplete.join('; ')}. Every CustomResourceDefinition needs these fields, so the file `
      + `looks cut short (an interrupted download or copy); write it again. ${CRD_FILE_HINT}`,
    );
  }
  return CrdSchemas.fromYaml(text, displayName);
}

/**
 * What the CustomResourceDefinitions of a file lack of the fields apiextensions.k8s.io/v1
 * requires (`spec.group`, `spec.names.kind`/`plural`, `spec.scope`, and `name`, `served`,
 * `storage` of every version), one phrase per CRD. Documents that do not parse are left to the
 * CRD reader, whose messages name the YAML error.
 */
export function incompleteCrds(text: string): string[] {
  const found: string[] = [];
  for (const doc of parseAllDocuments(text, YAML_READ_OPTIONS())) {
    if (doc.errors.length > 0) continue;
    const crd: unknown = doc.toJS({ maxAliasCount: -1 });
    if (!isPlainObject(crd) || crd.kind !== 'CustomResourceDefinition') continue;
    const spec = isPlainObject(crd.spec) ? crd.spec : {};
    const names = isPlainObject(spec.names) ? spec.names : {};
    const missing: string[] = [];
    if (typeof spec.group !== 'string') missing.push('spec.group');
    if (typeof names.kind !== 'string') missing.push('spec.names.kind');
    if (typeof names.plural !== 'string') missing.push('spec.names.plural');
    if (typeof spec.scope !== 'string') missing.push('spec.scope');
    if (!Array.isArray(spec.versions)) {
      missing.push('spec.versions');
    } else {
      spec.versions.forEach((v: unknown, i: number) => {
        const version = isPlainObject(v) ? v : {};
        for (const field of ['name', 'served', 'storage']) {
          const want = field === 'name' ? 'string' : 'boolean';
          if (typeof version[field] !== want) missing.push(`spec.versions[${i}].${field}`);
        }
      });
    }
    if (missing.length > 0) {
      const name = isPlainObject(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : '(unnamed)';
      found.push(`CustomResourceDefinition ${name} has no ${missing.join(', ')}`);
    }
  }
  return found;
}
