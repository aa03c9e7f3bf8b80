import { EffectiveMtls, describeDecision } from '../../src/analysis/facts/effective-mtls';
import { MeshModel } from '../../src/analysis/model';
import { peerAuthentication } from '../fixtures/manifests';

function index(manifests: any[], rootNamespace?: string): EffectiveMtls {
  return EffectiveMtls.of(new MeshModel(manifests.map((manifest) => ({ manifest })), { rootNamespace }));
}
const mesh = (mode: string, ns = 'istio-system') => peerAuthentication('default', ns, { mtls: { mode } });
const nsWide = (ns: string, mode: string, name = 'default') => peerAuthentication(name, ns, { mtls: { mode } });
const forApp = (ns: string, app: string, spec: any, name = `${app}-mtls`) =>
  peerAuthentication(name, ns, { selector: { matchLabels: { app } }, ...spec });

describe('EffectiveMtls', () => {
  test('defaults to PERMISSIVE when no PeerAuthentication applies', () => {
    const d = index([]).forWorkload('shop', { app: 'api' }).workload;
    expect(d).toEqual({ mode: 'PERMISSIVE', level: 'default' });
    expect(describeDecision(d)).toContain('no PeerAuthentication applies');
  });

  test('mesh policy in the root namespace applies to every namespace', () => {
    const m = index([mesh('STRICT')]);
    const d = m.forWorkload('shop', { app: 'api' }).workload;
    expect(d.mode).toBe('STRICT');
    expect(d.level).toBe('mesh');
    expect(d.policy?.name).toBe('default');
    expect(d.path).toEqual(['spec', 'mtls', 'mode']);
    expect(describeDecision(d)).toBe('STRICT (mesh-wide PeerAuthentication istio-system/default)');
  });

  test('the root namespace is an option', () => {
    const m = index([mesh('STRICT', 'mesh-root')], 'mesh-root');
    expect(m.forWorkload('shop', {}).workload.mode).toBe('STRICT');
    // The same policy is only namespace-wide for its own namespace with the default root.
    const d = index([mesh('STRICT', 'mesh-root')]);
    expect(d.forWorkload('shop', {}).workload.mode).toBe('PERMISSIVE');
    expect(d.forWorkload('mesh-root', {}).workload.level).toBe('namespace');
  });

  test('namespace policy overrides the mesh policy; workload policy overrides both', () => {
    const m = index([mesh('STRICT'), nsWide('shop', 'PERMISSIVE'), forApp('shop', 'legacy', { mtls: { mode: 'DISABLE' } })]);
    expect(m.forWorkload('shop', { app: 'api' }).workload).toMatchObject({ mode: 'PERMISSIVE', level: 'namespace' });
    expect(m.forWorkload('shop', { app: 'legacy', version: 'v1' }).workload).toMatchObject({ mode: 'DISABLE', level: 'workload' });
    expect(m.forWorkload('other', { app: 'legacy' }).workload).toMatchObject({ mode: 'STRICT', level: 'mesh' });
  });

  test('UNSET (or no mode) inherits from the next level', () => {
    const m = index([mesh('STRICT'), nsWide('shop', 'UNSET'), forApp('shop', 'api', { portLevelMtls: { 8080: { mode: 'DISABLE' } } })]);
    const w = m.forWorkload('shop', { app: 'api' });
    expect(w.workload).toMatchObject({ mode: 'STRICT', level: 'mesh' });
    expect(w.ports.get(8080)).toMatchObject({ mode: 'DISABLE', level: 'port', path: ['spec', 'portLevelMtls', '8080', 'mode'] });
  });

  test('port-level modes override the workload mode for that port only; UNSET ports inherit', () => {
    const m = index([
      nsWide('shop', 'STRICT'),
      forApp('shop', 'api', { mtls: { mode: 'PERMISSIVE' }, portLevelMtls: { 9000: { mode: 'DISABLE' }, 9001: { mode: 'UNSET' } } }),
    ]);
    expect(m.modeAt('shop', { app: 'api' }, 9000).mode).toBe('DISABLE');
    expect(m.modeAt('shop', { app: 'api' }, 9001)).toMatchObject({ mode: 'PERMISSIVE', level: 'workload' });
    expect(m.modeAt('shop', { app: 'api' }, 8080).mode).toBe('PERMISSIVE');
    expect(m.modeAt('shop', { app: 'web' }, 9000).mode).toBe('STRICT');
  });

  test('the first of competing policies wins (input order stands in for creation time)', () => {
    const m = index([nsWide('shop', 'DISABLE', 'a'), nsWide('shop', 'STRICT', 'b'), forApp('shop', 'api', { mtls: { mode: 'STRICT' } }, 'w1'), forApp('shop', 'api', { mtls: { mode: 'DISABLE' } }, 'w2')]);
    expect(m.namespaceMode('shop')).toMatchObject({ mode: 'DISABLE', policy: expect.objectContaining({ name: 'a' }) });
    expect(m.forWorkload('shop', { app: 'api' }).workload.policy?.name).toBe('w1');
    expect(m.namespacePolicies('shop').map((p) => p.name)).toEqual(['a', 'b']);
    expect(m.workloadPolicies('shop', { app: 'api' }).map((p) => p.name)).toEqual(['w1', 'w2']);
  });

  test('a selector policy in the root namespace is ignored, as Istio does', () => {
    const m = index([peerAuthentication('api', 'istio-system', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'DISABLE' } })]);
    expect(m.forWorkload('istio-system', { app: 'api' }).workload.mode).toBe('PERMISSIVE');
    expect(m.forWorkload('shop', { app: 'api' }).workload.mode).toBe('PERMISSIVE');
    expect(m.ignoredPolicies().map((p) => p.name)).toEqual(['api']);
  });

  test('a selector without labels makes a namespace-wide policy', () => {
    const m = index([peerAuthentication('default', 'shop', { selector: {}, mtls: { mode: 'STRICT' } })]);
    expect(m.namespaceMode('shop')).toMatchObject({ mode: 'STRICT', level: 'namespace' });
  });

  test('is computed once per model and indexed by namespace (thousands of namespaces; speed is measured in bench/)', () => {
    const manifests: any[] = [mesh('STRICT')];
    for (let i = 0; i < 3000; i++) {
      manifests.push(nsWide(`ns-${i}`, i % 2 === 0 ? 'PERMISSIVE' : 'STRICT'));
      manifests.push(forApp(`ns-${i}`, 'api', { portLevelMtls: { 8080: { mode: 'DISABLE' } } }));
    }
    const model = new MeshModel(manifests.map((manifest) => ({ manifest })));
    expect(EffectiveMtls.of(model)).toBe(EffectiveMtls.of(model));
    let strict = 0;
    for (let i = 0; i < 3000; i++) {
      const m = EffectiveMtls.of(model);
      if (m.modeAt(`ns-${i}`, { app: 'api' }, 9090).mode === 'STRICT') strict++;
      expect(m.modeAt(`ns-${i}`, { app: 'api' }, 8080).mode).toBe('DISABLE');
    }
    expect(strict).toBe(1500);
  });
});
