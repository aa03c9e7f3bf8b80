import { HOST_RULE, runCli, tempTree } from './helpers';
import { LINT_USAGE } from '../../src/cli/main';

// HOST_RULE reports a VirtualService whose first host is no Service of the input: a short host
// resolves in the VirtualService's namespace, so it tells which namespace an object landed in.
const FILES = {
  'svc.yaml': `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {ports: [{name: http, port: 9080}]}
`,
  'vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews}}]}]
`,
};

async function lint(args: string[], files: Record<string, string> = FILES) {
  const dir = tempTree(files);
  const r = await runCli(['lint', '-f', 'json', ...args, '.'], { cwd: dir, rules: [HOST_RULE] });
  return { ...r, diagnostics: r.stdout ? JSON.parse(r.stdout).diagnostics : [] };
}

describe('lint -n/--namespace', () => {
  test('without it, an object that declares no namespace is in `default`', async () => {
    const r = await lint([]);
    expect(r.diagnostics.map((d: any) => d.ruleId)).toEqual(['test-host-exists']);
  });

  test('-n NS puts objects that declare no namespace in NS', async () => {
    const r = await lint(['-n', 'shop']);
    expect(r.code).toBe(0);
    expect(r.diagnostics).toEqual([]);
  });

  test('--namespace=NS is the same option', async () => {
    expect((await lint(['--namespace=shop'])).diagnostics).toEqual([]);
  });

  test('does not move objects that declare a namespace', async () => {
    const files = { ...FILES, 'vs.yaml': FILES['vs.yaml'].replace('name: reviews}', 'name: reviews, namespace: prod}') };
    const r = await lint(['-n', 'shop'], files);
    expect(r.diagnostics.map((d: any) => d.ruleId)).toEqual(['test-host-exists']);
  });

  test('a value that is not a namespace name is a usage error (exit 2)', async () => {
    const r = await lint(['-n', 'Shop_1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-n Shop_1: not a namespace name');
  });

  test('is documented in --help', () => {
    expect(LINT_USAGE).toContain('-n, --namespace NS');
  });
});
