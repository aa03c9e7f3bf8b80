import { runCli, tempTree } from './helpers';
import { ALL_RULES } from '../../src/analysis/rules';
import { LINT_USAGE } from '../../src/cli/main';

// A kustomize base and its overlay both define the VirtualService: istioctl analyze keeps the
// last one read, so lint must not report the two copies as conflicting VirtualServices.
const VS = (host: string, apiVersion = 'networking.istio.io/v1') => `apiVersion: ${apiVersion}
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: ${host}}
`;

async function lintJson(files: Record<string, string>, args: string[] = []): Promise<any[]> {
  const dir = tempTree(files);
  const r = await runCli(['lint', '-f', 'json', ...args, '.'], { cwd: dir, rules: ALL_RULES });
  return JSON.parse(r.stdout).diagnostics;
}

describe('lint: one object per kind and namespace/name, the last read wins', () => {
  test('a base and an overlay defining one VirtualService give an info, not a host conflict', async () => {
    const d = await lintJson({ 'base/vs.yaml': VS('reviews'), 'overlay/vs.yaml': VS('reviews') });
    const ids = d.map((x) => x.ruleId);
    expect(ids).not.toContain('virtualservice-conflicting-mesh-hosts');
    const dup = d.find((x) => x.ruleId === 'manifest-duplicate-object');
    expect(dup).toMatchObject({ severity: 'info', file: 'overlay/vs.yaml', line: 3 });
    expect(dup.message).toContain('base/vs.yaml:1');
  });

  test('two differently named VirtualServices for one host still conflict', async () => {
    const d = await lintJson({ 'a.yaml': VS('reviews'), 'b.yaml': VS('reviews').replace('name: reviews', 'name: reviews-2') });
    expect(d.map((x) => x.ruleId)).toContain('virtualservice-conflicting-mesh-hosts');
  });

  test('findings are about the copy read last (files are read in sorted order)', async () => {
    const d = await lintJson({ 'a.yaml': VS('reviews'), 'b.yaml': VS('reviews.shop.svc.cluster.local') });
    expect(d.filter((x) => x.ruleId !== 'manifest-duplicate-object').every((x) => x.file === 'b.yaml')).toBe(true);
  });

  test('a v1beta1 and a v1 copy of one VirtualService are one object', async () => {
    const d = await lintJson({ 'old.yaml': VS('reviews', 'networking.istio.io/v1beta1'), 'new.yaml': VS('reviews') });
    expect(d.filter((x) => x.ruleId === 'manifest-duplicate-object')).toHaveLength(1);
    expect(d.map((x) => x.ruleId)).not.toContain('virtualservice-conflicting-mesh-hosts');
  });

  test('is documented in --help', () => {
    expect(LINT_USAGE).toContain('manifest-duplicate-object');
  });
});
