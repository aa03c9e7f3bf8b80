import { analyzeSources } from '../../../../src/analysis/analysis-run';
import { Severity } from '../../../../src/analysis/diagnostic';
import { ManifestSource } from '../../../../src/analysis/manifest';
import { MeshModel } from '../../../../src/analysis/model';
import { ALL_RULES } from '../../../../src/analysis/rules';
import { manifestPatchSkipped } from '../../../../src/analysis/rules/manifest/manifest-patch-skipped';

function vs(extra: Record<string, any> = {}, spec: any = { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] }): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'shop' }, spec, ...extra };
}

function run(sources: ManifestSource[]) {
  return analyzeSources(sources, { rules: [manifestPatchSkipped] });
}

describe('manifest-patch-skipped', () => {
  test('is registered as an info', () => {
    expect(ALL_RULES).toContain(manifestPatchSkipped);
    expect(manifestPatchSkipped.severity).toBe(Severity.INFO);
  });

  test('a document with `$patch: delete` is skipped, with an info at the directive', () => {
    const d = run([{ manifest: vs({ $patch: 'delete' }), file: 'delete.yaml', line: 1 }]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ ruleId: 'manifest-patch-skipped', severity: 'info', path: '$patch', file: 'delete.yaml' });
    expect(d[0].message).toContain('"$patch: delete"');
  });

  test('a `$patch: replace` nested in the spec makes the document a patch', () => {
    const d = run([{ manifest: vs({}, { http: [{ $patch: 'replace', route: [{ destination: { host: 'reviews' } }] }] }) }]);
    expect(d.map((x) => x.path)).toEqual(['spec.http[0].$patch']);
  });

  test('other strategic-merge directives ($setElementOrder/…, $retainKeys) make it a patch', () => {
    expect(run([{ manifest: vs({}, { '$setElementOrder/http': [{ name: 'a' }] }) }])).toHaveLength(1);
    expect(run([{ manifest: vs({}, { tcp: [{ $retainKeys: ['route'] }] }) }])).toHaveLength(1);
  });

  test('a document of a file that a kustomization lists as a patch is skipped, naming the kustomization', () => {
    const d = run([{ manifest: vs(), file: 'overlay/vs-patch.yaml', kustomizePatch: 'overlay/kustomization.yaml' }]);
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('overlay/kustomization.yaml lists its file as a patch');
  });

  test('a patch is not analysed: the model leaves it out of its objects', () => {
    const model = new MeshModel([{ manifest: vs({ $patch: 'delete' }) }]);
    expect(model.objects).toEqual([]);
    expect(model.skippedPatches).toHaveLength(1);
  });

  test('a patch read after the object it patches does not replace it', () => {
    const model = new MeshModel([{ manifest: vs(), file: 'base.yaml' }, { manifest: vs({}, { http: [{ timeout: '5s' }] }), file: 'patch.yaml', kustomizePatch: 'kustomization.yaml' }]);
    expect(model.virtualServices().map((o) => o.source.file)).toEqual(['base.yaml']);
    expect(model.shadowedBy.size).toBe(0);
  });

  test('a normal object is never skipped', () => {
    expect(run([{ manifest: vs() }])).toEqual([]);
    expect(new MeshModel([{ manifest: vs() }]).objects).toHaveLength(1);
  });

  test('a `$patch` key inside free-form Envoy or Wasm configuration does not make the object a patch', () => {
    const ef = {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'EnvoyFilter',
      metadata: { name: 'f', namespace: 'shop' },
      spec: { configPatches: [{ applyTo: 'HTTP_FILTER', patch: { operation: 'MERGE', value: { $patch: 'x' } } }] },
    };
    const wasm = { apiVersion: 'extensions.istio.io/v1alpha1', kind: 'WasmPlugin', metadata: { name: 'w', namespace: 'shop' }, spec: { url: 'oci://x', pluginConfig: { $patch: 'x' } } };
    expect(run([{ manifest: ef }, { manifest: wasm }])).toEqual([]);
  });
});
