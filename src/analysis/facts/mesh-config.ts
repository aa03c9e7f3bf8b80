/**
 * The mesh configuration: the one given from outside (`lint --mesh-config FILE`), else the one the
 * analysed manifests carry: the `istio` ConfigMap (or `istio-<revision>`) of the root namespace,
 * whose `data.mesh` is MeshConfig YAML, or an IstioOperator's `spec.meshConfig`. Either way with
 * Istio's defaults applied. Rules use it where istioctl reads the live MeshConfig.
 */
import { parse } from 'yaml';
import { PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord } from '../manifest';
import { applyMeshConfigDefaults } from '../mesh-config-file';
import { MeshModel } from '../model';

export interface MeshConfigSource {
  /** The object the mesh config was read from; undefined for a mesh config file. */
  readonly object?: ObjectRecord;
  /** Path of the mesh config inside it (`data.mesh`, `spec.meshConfig`); undefined for a file. */
  readonly path?: PathSegments;
  /** The MeshConfig as a plain object, Istio's defaults applied. */
  readonly config: Record<string, any>;
  /** `ConfigMap istio-system/istio (data.mesh)` for messages. */
  readonly label: string;
}

/** The mesh config of the analysed set, or undefined when none is there (Istio's defaults apply). */
export function meshConfigOf(model: MeshModel): MeshConfigSource | undefined {
  return model.memo('meshConfigOf', readMeshConfig);
}

function readMeshConfig(model: MeshModel): MeshConfigSource | undefined {
  if (model.meshConfig) return { config: model.meshConfig.config, label: model.meshConfig.label };
  const maps = model.ofKind('', 'ConfigMap')
    .filter((cm) => cm.namespace === model.rootNamespace && (cm.name === 'istio' || cm.name.startsWith('istio-')))
    .sort((a, b) => (a.name === 'istio' ? -1 : b.name === 'istio' ? 1 : 0));
  for (const cm of maps) {
    const data = isPlainObject(cm.source.manifest) ? cm.source.manifest.data : undefined;
    if (!isPlainObject(data) || typeof data.mesh !== 'string') continue;
    try {
      const config = parse(data.mesh);
      if (isPlainObject(config)) return { object: cm, path: ['data', 'mesh'], config: applyMeshConfigDefaults(config), label: `ConfigMap ${cm.namespace}/${cm.name} (data.mesh)` };
    } catch {
      // An unreadable mesh config is not this rule's to report.
    }
  }
  for (const op of model.ofKind('install.istio.io', 'IstioOperator')) {
    if (isPlainObject(op.spec) && isPlainObject(op.spec.meshConfig)) {
      return { object: op, path: ['spec', 'meshConfig'], config: applyMeshConfigDefaults(op.spec.meshConfig), label: `IstioOperator ${op.namespace}/${op.name} (spec.meshConfig)` };
    }
  }
  return undefined;
}

/** `defaultConfig.proxyMetadata` of the mesh config (empty when absent). */
export function proxyMetadataOf(model: MeshModel): Record<string, string> {
  const mc = meshConfigOf(model);
  const md = mc && isPlainObject(mc.config.defaultConfig) ? mc.config.defaultConfig.proxyMetadata : undefined;
  const out: Record<string, string> = {};
  if (isPlainObject(md)) for (const [k, v] of Object.entries(md)) out[k] = String(v);
  return out;
}
