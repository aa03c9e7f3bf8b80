import { decodeText, describeFsError, formatBytes, readFileCapped } from './load-manifests';
import { CRD_FILE_HINT, CrdFileError, CrdSchemas } from '../analysis/crd';

/**
 * Reads `lint --crds FILE` with the limits and encodings of the other inputs. The CRD reader
 * refuses a file cut short (see `incompleteCrds`), for Mesh `crdFile` alike.
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
  return CrdSchemas.fromYaml(text, displayName);
}
