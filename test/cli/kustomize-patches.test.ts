import { runCli, tempTree } from './helpers';
import { ALL_RULES } from '../../src/analysis/rules';
import { LINT_USAGE } from '../../src/cli/main';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
`;

// A strategic-merge patch holds only what it changes: no hosts, a route without destination.
const PARTIAL = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  http:
  - timeout: 5s
`;

async function lint(files: Record<string, string>, inputs = ['.']) {
  const dir = tempTree(files);
  const r = await runCli(['lint', '-f', 'json', ...inputs], { cwd: dir, rules: ALL_RULES });
  return { ...r, diagnostics: JSON.parse(r.stdout).diagnostics as any[] };
}

describe('lint: kustomize patch documents are skipped', () => {
  test('a file listed under patches of a kustomization is skipped with an info, and the base object is analysed', async () => {
    const r = await lint({
      'base/vs.yaml': VS,
      'base/kustomization.yaml': 'resources: [vs.yaml]\n',
      'overlay/kustomization.yaml': 'resources: [../base]\npatches:\n- path: vs-patch.yaml\n',
      'overlay/vs-patch.yaml': PARTIAL,
    });
    const skipped = r.diagnostics.filter((d) => d.ruleId === 'manifest-patch-skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0].file).toBe('overlay/vs-patch.yaml');
    expect(skipped[0].message).toContain('overlay/kustomization.yaml lists its file as a patch');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('manifest-duplicate-object');
  });

  test('without the kustomization, the same partial object is analysed (and reported)', async () => {
    const r = await lint({ 'vs-patch.yaml': PARTIAL });
    expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('manifest-patch-skipped');
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  test('patchesStrategicMerge and patchesJson6902 entries are patches too', async () => {
    const r = await lint({
      'kustomization.yaml': 'resources: [vs.yaml]\npatchesStrategicMerge: [smp.yaml]\npatchesJson6902:\n- target: {kind: VirtualService, name: reviews}\n  path: ops.yaml\n',
      'vs.yaml': VS,
      'smp.yaml': PARTIAL,
      'ops.yaml': '- op: replace\n  path: /spec/http/0/timeout\n  value: 3s\n',
    });
    expect(r.diagnostics.filter((d) => d.ruleId === 'manifest-patch-skipped').map((d) => d.file)).toEqual(['smp.yaml']);
    expect(r.stderr).toContain('ops.yaml:1: note: skipped document: a kustomize patch (kustomization.yaml lists this file as a patch), not a Kubernetes object');
  });

  test('a kustomization file itself is noted as such', async () => {
    const r = await lint({ 'kustomization.yaml': 'resources: [vs.yaml]\n', 'vs.yaml': VS });
    expect(r.stderr).toContain('kustomization.yaml:1: note: skipped document: a kustomization (kustomize\'s configuration), not a Kubernetes object');
  });

  test('the kustomization of a patch file named alone is found in its folder', async () => {
    const r = await lint({ 'overlay/kustomization.yaml': 'patches:\n- path: vs-patch.yaml\n', 'overlay/vs-patch.yaml': PARTIAL }, ['overlay/vs-patch.yaml']);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['manifest-patch-skipped']);
  });

  test('a file a kustomization lists under resources is an object, not a patch', async () => {
    const r = await lint({ 'kustomization.yaml': 'resources: [vs.yaml]\npatches:\n- path: vs.yaml\n', 'vs.yaml': VS });
    expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('manifest-patch-skipped');
  });

  test('a `$patch: delete` document is skipped without any kustomization', async () => {
    const r = await lint({ 'vs.yaml': VS, 'delete.yaml': 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews, namespace: shop}\n$patch: delete\n' });
    expect(r.diagnostics.filter((d) => d.ruleId === 'manifest-patch-skipped').map((d) => [d.file, d.line])).toEqual([['delete.yaml', 4]]);
    expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('manifest-duplicate-object');
  });

  test('is documented in --help', () => {
    expect(LINT_USAGE).toContain('manifest-patch-skipped');
  });
});

describe('lint: a kustomization is read under the input size limit', () => {
  test('a kustomization larger than --max-bytes exits 2, naming it and the option', async () => {
    const dir = tempTree({
      'overlay/kustomization.yaml': `resources: [../base]\npatches:\n- path: vs-patch.yaml\n${'# padding\n'.repeat(200)}`,
      'overlay/vs-patch.yaml': PARTIAL,
    });
    const r = await runCli(['lint', '--max-bytes', '1KiB', 'overlay/vs-patch.yaml'], { cwd: dir, rules: ALL_RULES });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('overlay/kustomization.yaml');
    expect(r.stderr).toContain('kustomization larger than the limit of 1 KiB a file; raise it with --max-bytes');
    expect(r.stderr).not.toContain('    at ');
  });
});
