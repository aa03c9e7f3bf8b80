import { decodeText, describeFsError, formatBytes, readFileCapped } from './load-manifests';
import { MeshConfigFileError, MeshConfigSetting, parseMeshConfig } from '../analysis/mesh-config-file';

/**
 * Reads `lint --mesh-config FILE` with the size limit and encodings of the other inputs (a mesh
 * config given as a device, a FIFO or a huge file must not run the process out of memory).
 * @throws MeshConfigFileError naming the file
 */
export function readMeshConfigArg(absolutePath: string, displayName: string, maxBytes: number): MeshConfigSetting {
  let bytes: Buffer;
  try {
    bytes = readFileCapped(absolutePath, maxBytes);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : describeFsError(e);
    throw new MeshConfigFileError(`mesh config file ${displayName}: cannot read it: ${why}`);
  }
  if (bytes.length > maxBytes) {
    throw new MeshConfigFileError(`mesh config file ${displayName}: larger than the limit of ${formatBytes(maxBytes)} a file; raise it with --max-bytes`);
  }
  const text = decodeText(bytes);
  if (typeof text !== 'string') throw new MeshConfigFileError(`mesh config file ${displayName}: ${text.problem}`);
  return parseMeshConfig(text, displayName);
}
