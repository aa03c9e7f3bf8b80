import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { meshConfigOf } from '../../src/analysis/facts/mesh-config';
import { applyMeshConfigDefaults, MeshConfigFileError, parseMeshConfig, readMeshConfigFile } from '../../src/analysis/mesh-config-file';
import { MeshModel } from '../../src/analysis/model';

describe('parseMeshConfig: a mesh config file read as Istio reads it', () => {
  test('fields not written keep Istio\'s defaults', () => {
    const { config } = parseMeshConfig('trustDomain: example.org\n', 'mesh.yaml');
    expect(config).toMatchObject({ trustDomain: 'example.org', rootNamespace: 'istio-system', outboundTrafficPolicy: { mode: 'ALLOW_ANY' } });
  });

  test('an empty file is Istio\'s default mesh config', () => {
    expect(parseMeshConfig('', 'mesh.yaml').config).toMatchObject({ rootNamespace: 'istio-system', trustDomain: 'cluster.local' });
  });

  test('defaultConfig is merged over the default proxy config, not replacing it', () => {
    const { config } = parseMeshConfig('defaultConfig:\n  proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true"}\n', 'mesh.yaml');
    expect(config.defaultConfig).toMatchObject({ proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true' }, statusPort: 15020, proxyAdminPort: 15000 });
  });

  test('extensionProviders are merged by name into the built-in ones', () => {
    const { config } = parseMeshConfig('extensionProviders:\n- name: envoy\n  envoyFileAccessLog: {path: /dev/stderr}\n- name: ext-authz\n  envoyExtAuthzHttp: {service: authz.infra.svc.cluster.local, port: 8000}\n', 'mesh.yaml');
    expect(config.extensionProviders.map((p: any) => p.name)).toEqual(['prometheus', 'stackdriver', 'envoy', 'ext-authz']);
    expect(config.extensionProviders[2].envoyFileAccessLog.path).toBe('/dev/stderr');
  });

  test('trustDomainAliases are added to, other written fields replace the default', () => {
    const merged = applyMeshConfigDefaults({ trustDomainAliases: ['b'], defaultServiceExportTo: ['.'] }, { ...applyMeshConfigDefaults({}), trustDomainAliases: ['a'] });
    expect(merged.trustDomainAliases).toEqual(['a', 'b']);
    expect(merged.defaultServiceExportTo).toEqual(['.']);
  });

  test('an IstioOperator is read through spec.meshConfig', () => {
    const s = parseMeshConfig('apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig: {rootNamespace: istio-config}\n', 'iop.yaml');
    expect(s.config.rootNamespace).toBe('istio-config');
    expect(s.label).toBe('mesh config file iop.yaml (IstioOperator spec.meshConfig)');
  });

  test('YAML that is not a mapping is refused, naming the file', () => {
    expect(() => parseMeshConfig('- a\n- b\n', 'mesh.yaml')).toThrow(new MeshConfigFileError('mesh config file mesh.yaml: must be a YAML mapping of MeshConfig fields (rootNamespace, trustDomain, outboundTrafficPolicy, …), but is a list'));
  });

  test('several YAML documents are refused', () => {
    expect(() => parseMeshConfig('a: 1\n---\nb: 2\n', 'mesh.yaml')).toThrow(/holds 2 YAML documents/);
  });

  test('a rootNamespace that is not a string is refused', () => {
    expect(() => parseMeshConfig('rootNamespace: [a]\n', 'mesh.yaml')).toThrow(/rootNamespace must be a string/);
  });

  test('readMeshConfigFile names the file as given when it cannot be read', () => {
    expect(() => readMeshConfigFile(path.join(os.tmpdir(), 'no-such-mesh.yaml'), 'no-such-mesh.yaml')).toThrow('mesh config file no-such-mesh.yaml: cannot read it: no such file');
  });

  test('readMeshConfigFile reads a file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-')), 'mesh.yaml');
    fs.writeFileSync(file, 'rootNamespace: istio-config\n');
    expect(readMeshConfigFile(file, 'mesh.yaml')).toMatchObject({ config: { rootNamespace: 'istio-config' }, label: 'mesh config file mesh.yaml' });
  });
});

describe('the meshConfig option of the model', () => {
  const setting = parseMeshConfig('rootNamespace: istio-config\ntrustDomain: example.org\n', 'mesh.yaml');

  test('sets the root namespace and trust domain', () => {
    const model = new MeshModel([], { meshConfig: setting });
    expect([model.rootNamespace, model.trustDomain]).toEqual(['istio-config', 'example.org']);
  });

  test('explicit rootNamespace and trustDomain win', () => {
    const model = new MeshModel([], { meshConfig: setting, rootNamespace: 'istio-system', trustDomain: 'cluster.local' });
    expect([model.rootNamespace, model.trustDomain]).toEqual(['istio-system', 'cluster.local']);
  });

  test('without it, the trust domain is cluster.local', () => {
    expect(new MeshModel([]).trustDomain).toBe('cluster.local');
  });

  test('is the mesh config rules read, before a ConfigMap among the manifests', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-config' }, data: { mesh: 'outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n' } };
    const model = new MeshModel([{ manifest: cm }], { meshConfig: setting });
    expect(meshConfigOf(model)).toMatchObject({ label: 'mesh config file mesh.yaml', config: { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } } });
  });

  test('a ConfigMap mesh config among the manifests gets Istio\'s defaults too', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'trustDomain: example.org\n' } };
    expect(meshConfigOf(new MeshModel([{ manifest: cm }]))!.config).toMatchObject({ trustDomain: 'example.org', outboundTrafficPolicy: { mode: 'ALLOW_ANY' } });
  });

  test('a ConfigMap mesh config with a field of the wrong shape is read as written, without failing', () => {
    expect(applyMeshConfigDefaults({ extensionProviders: 5, defaultConfig: 'x' })).toMatchObject({ extensionProviders: 5, defaultConfig: 'x' });
  });
});
