/**
 * The mesh config given from outside the analysed manifests: `cdk8s-istio lint --mesh-config FILE`
 * (istioctl analyze's `--meshConfigFile`). Read as Istio reads a mesh config: the MeshConfig YAML
 * applied over Istio's default mesh config, where written fields replace the defaults, except
 * `defaultConfig` (merged over the default proxy config), `extensionProviders` (merged by name
 * into the built-in ones), `defaultProviders` and `trustDomainAliases` (added to).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { isPlainObject } from './manifest';

/** A mesh config for the engine: the effective MeshConfig and where it came from. */
export interface MeshConfigSetting {
  /** The MeshConfig with Istio's defaults applied, as a plain object (field names as in YAML). */
  readonly config: Record<string, any>;
  /** Where it came from, for messages: `mesh config file mesh.yaml`. */
  readonly label: string;
}

/** The mesh config file cannot be used; the message names the file and what is wrong. */
export class MeshConfigFileError extends Error {}

/** Istio's built-in proxy defaults (`defaultConfig`) that a mesh config merges over. */
function defaultProxyConfig(): Record<string, any> {
  return {
    configPath: './etc/istio/proxy',
    binaryPath: '/usr/local/bin/envoy',
    serviceCluster: 'istio-proxy',
    drainDuration: '45s',
    terminationDrainDuration: '5s',
    discoveryAddress: 'istiod.istio-system.svc:15012',
    proxyAdminPort: 15000,
    controlPlaneAuthPolicy: 'MUTUAL_TLS',
    statNameLength: 189,
    statusPort: 15020,
  };
}

/** Istio's default mesh config (what a cluster runs when its mesh config sets nothing). */
export function defaultMeshConfig(): Record<string, any> {
  return {
    enableTracing: true,
    accessLogFile: '',
    accessLogEncoding: 'TEXT',
    accessLogFormat: '',
    enableEnvoyAccessLogService: false,
    protocolDetectionTimeout: '0s',
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    ingressClass: 'istio',
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    enableAutoMtls: true,
    outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
    localityLbSetting: { enabled: true },
    certificates: [],
    defaultConfig: defaultProxyConfig(),
    rootNamespace: 'istio-system',
    proxyListenPort: 15001,
    proxyInboundListenPort: 15006,
    connectTimeout: '10s',
    defaultServiceExportTo: ['*'],
    defaultVirtualServiceExportTo: ['*'],
    defaultDestinationRuleExportTo: ['*'],
    dnsRefreshRate: '60s',
    serviceSettings: [],
    enablePrometheusMerge: true,
    defaultProviders: {},
    extensionProviders: [
      { name: 'prometheus', prometheus: {} },
      { name: 'stackdriver', stackdriver: {} },
      { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
    ],
  };
}

function mapOrEmpty(v: unknown): Record<string, any> {
  return isPlainObject(v) ? v : {};
}

/** Fields Istio merges rather than replaces, with the shape they must have to be merged. */
const MERGED_FIELDS: Record<string, (v: unknown) => boolean> = {
  defaultConfig: isPlainObject,
  defaultProviders: isPlainObject,
  outboundTrafficPolicy: isPlainObject,
  extensionProviders: (v) => Array.isArray(v) && v.every(isPlainObject),
  trustDomainAliases: (v) => Array.isArray(v),
};

/**
 * Applies a written MeshConfig over `base` (Istio's defaults unless given) the way Istio does.
 * A field written as null counts as not written. An `outboundTrafficPolicy` written without a mode
 * means REGISTRY_ONLY, the zero value of the enum, because the written object replaces the default.
 */
export function applyMeshConfigDefaults(written: Record<string, any>, base: Record<string, any> = defaultMeshConfig()): Record<string, any> {
  const out: Record<string, any> = { ...base };
  for (const [key, value] of Object.entries(written)) {
    if (value === null || value === undefined) continue;
    // A field of the wrong shape (only possible for a mesh config read from the manifests, which
    // is not type-checked) replaces the default as written.
    const shaped = MERGED_FIELDS[key] === undefined || MERGED_FIELDS[key](value);
    switch (shaped ? key : '') {
      case 'defaultConfig': {
        const prev = isPlainObject(base.defaultConfig) ? base.defaultConfig : {};
        const merged: Record<string, any> = { ...prev, ...value };
        const metadata = { ...mapOrEmpty(prev.proxyMetadata), ...mapOrEmpty(value.proxyMetadata) };
        if (Object.keys(metadata).length > 0) merged.proxyMetadata = metadata;
        out.defaultConfig = merged;
        break;
      }
      case 'defaultProviders':
        out.defaultProviders = { ...(isPlainObject(base.defaultProviders) ? base.defaultProviders : {}), ...value };
        break;
      case 'extensionProviders': {
        const builtIn: Array<Record<string, any>> = Array.isArray(base.extensionProviders) ? base.extensionProviders : [];
        const providers = builtIn.map((p) => ({ ...p }));
        for (const p of value as Array<Record<string, any>>) {
          const at = providers.findIndex((e) => e.name === p.name);
          if (at >= 0) providers[at] = { ...p };
          else providers.push({ ...p });
        }
        out.extensionProviders = providers;
        break;
      }
      case 'trustDomainAliases': {
        const previous: string[] = Array.isArray(base.trustDomainAliases) ? base.trustDomainAliases : [];
        out.trustDomainAliases = [...new Set([...(value as string[]), ...previous])].sort();
        break;
      }
      case 'outboundTrafficPolicy':
        out.outboundTrafficPolicy = { mode: 'REGISTRY_ONLY', ...value };
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/** Checks the types of the fields the analysis reads; Istio refuses a mesh config where they do not fit. */
function typeProblems(mc: Record<string, any>): string[] {
  const problems: string[] = [];
  const present = (k: string) => mc[k] !== undefined && mc[k] !== null;
  for (const k of ['rootNamespace', 'trustDomain']) {
    if (present(k) && typeof mc[k] !== 'string') problems.push(`${k} must be a string`);
  }
  for (const k of ['outboundTrafficPolicy', 'defaultConfig', 'defaultProviders']) {
    if (present(k) && !isPlainObject(mc[k])) problems.push(`${k} must be a mapping`);
  }
  if (isPlainObject(mc.outboundTrafficPolicy)) {
    const mode = mc.outboundTrafficPolicy.mode;
    if (mode !== undefined && mode !== null && mode !== 'REGISTRY_ONLY' && mode !== 'ALLOW_ANY') {
      problems.push(`outboundTrafficPolicy.mode must be REGISTRY_ONLY or ALLOW_ANY, not ${JSON.stringify(mode)}`);
    }
  }
  if (isPlainObject(mc.defaultConfig) && present('defaultConfig') && mc.defaultConfig.proxyMetadata != null && !isPlainObject(mc.defaultConfig.proxyMetadata)) {
    problems.push('defaultConfig.proxyMetadata must be a mapping of strings');
  }
  if (present('trustDomainAliases') && (!Array.isArray(mc.trustDomainAliases) || mc.trustDomainAliases.some((a: unknown) => typeof a !== 'string'))) {
    problems.push('trustDomainAliases must be a list of strings');
  }
  if (present('extensionProviders')) {
    if (!Array.isArray(mc.extensionProviders)) {
      problems.push('extensionProviders must be a list');
    } else {
      mc.extensionProviders.forEach((p: unknown, i: number) => {
        if (!isPlainObject(p) || typeof p.name !== 'string' || p.name === '') problems.push(`extensionProviders[${i}] must be a mapping with a name`);
      });
    }
  }
  return problems;
}

/**
 * Parses the text of a mesh config file into the engine's setting. The file holds MeshConfig YAML
 * (what the `mesh` key of the `istio` ConfigMap holds); for convenience the ConfigMap itself
 * (`kubectl get configmap istio -n istio-system -o yaml`) is read through its `data.mesh`, and an
 * IstioOperator through its `spec.meshConfig`. An empty file means Istio's defaults.
 * @param name the file as the user wrote it, for messages
 * @throws MeshConfigFileError when the YAML cannot be read or a field has the wrong type
 */
export function parseMeshConfig(text: string, name: string): MeshConfigSetting {
  const fail = (why: string): never => {
    throw new MeshConfigFileError(`mesh config file ${name}: ${why}`);
  };
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const nonEmpty = docs.filter((d) => d.errors.length > 0 || d.contents !== null);
  for (const d of nonEmpty) {
    if (d.errors.length > 0) fail(`not valid YAML: ${d.errors[0].message.split('\n')[0]}`);
  }
  if (nonEmpty.length > 1) fail(`holds ${nonEmpty.length} YAML documents; a mesh config file holds one MeshConfig`);
  const value: unknown = nonEmpty.length === 0 ? {} : nonEmpty[0].toJS();
  if (value === null || value === undefined) return { config: defaultMeshConfig(), label: `mesh config file ${name}` };
  if (!isPlainObject(value)) fail(`must be a YAML mapping of MeshConfig fields (rootNamespace, trustDomain, outboundTrafficPolicy, …), but is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}`);

  let written = value as Record<string, any>;
  let label = `mesh config file ${name}`;
  if (written.kind === 'ConfigMap' && typeof written.apiVersion === 'string') {
    const mesh = isPlainObject(written.data) ? written.data.mesh : undefined;
    if (typeof mesh !== 'string') fail('is a ConfigMap without data.mesh; pass the mesh config (the data.mesh of the istio ConfigMap)');
    const inner = parseMeshConfig(mesh as string, `${name} (data.mesh)`);
    return { config: inner.config, label: `${label} (ConfigMap data.mesh)` };
  }
  if (written.kind === 'IstioOperator' && typeof written.apiVersion === 'string') {
    const mc = isPlainObject(written.spec) ? written.spec.meshConfig : undefined;
    written = isPlainObject(mc) ? mc : {};
    label = `${label} (IstioOperator spec.meshConfig)`;
  }
  const problems = typeProblems(written);
  if (problems.length > 0) fail(problems.join('; '));
  return { config: applyMeshConfigDefaults(written), label };
}

/**
 * Reads a mesh config file (`lint --mesh-config FILE`, istioctl analyze's `--meshConfigFile`).
 * @param file path of the file (relative paths are resolved against the process's folder)
 * @param displayName how to name the file in messages
 * @throws MeshConfigFileError when the file cannot be read or parsed
 */
export function readMeshConfigFile(file: string, displayName: string = file): MeshConfigSetting {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new MeshConfigFileError(`mesh config file ${displayName}: cannot read it: ${why}`);
  }
  return parseMeshConfig(text, displayName);
}
