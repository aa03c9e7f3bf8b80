import * as fs from 'fs';
import * as path from 'path';
import { NAMESPACE_RULE, RETRIES_LINE, RETRIES_RULE, runCli, SERVICE_YAML, tempTree, VIRTUAL_SERVICE_YAML } from './helpers';
import { LINT_USAGE, MAIN_USAGE } from '../../src/cli/main';

const NAMESPACED_SERVICE = SERVICE_YAML;
const UNNAMESPACED_SERVICE = SERVICE_YAML.replace('  namespace: shop\n', '');
const VS_WITHOUT_RETRIES = VIRTUAL_SERVICE_YAML.replace(/    retries:\n(      .*\n)+/, '');

describe('exit codes', () => {
  test('exit 1 when there is an error finding', async () => {
    const root = tempTree({ 'vs.yaml': VIRTUAL_SERVICE_YAML, 'svc.yaml': NAMESPACED_SERVICE });
    const r = await runCli(['lint', '.'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('test-no-retries');
    expect(r.stderr).toBe('');
  });

  test('exit 0 when there are only warnings', async () => {
    const root = tempTree({ 'svc.yaml': UNNAMESPACED_SERVICE });
    const r = await runCli(['lint', 'svc.yaml'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning  test-service-namespace');
    expect(r.stdout).toContain('0 errors, 1 warning, 0 infos in 1 file (1 object)');
  });

  test('exit 0 with a clean line when nothing is found', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE, 'vs.yaml': VS_WITHOUT_RETRIES });
    const r = await runCli(['lint', '.'], { cwd: root });
    expect(r).toEqual({ code: 0, stdout: 'No problems found in 2 files (2 objects).\n', stderr: '' });
  });

  test('exit 2 with file:line and no stack trace on a YAML syntax error', async () => {
    const root = tempTree({ 'good.yaml': NAMESPACED_SERVICE, 'broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n' });
    const r = await runCli(['lint', '.'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.yaml:\d+:\d+: error: YAML syntax error: /m);
    expect(r.stderr).toContain('nothing was checked');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('exit 2 when a file does not exist', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE });
    const r = await runCli(['lint', 'svc.yaml', 'missing.yaml'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing.yaml: error: cannot read: no such file or folder');
  });

  test('exit 2 on an unknown option', async () => {
    const r = await runCli(['lint', '--strict', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cdk8s-istio lint: unknown option '--strict'\nRun 'cdk8s-istio lint --help' for usage.\n");
  });

  test('exit 2 on an unknown format', async () => {
    const r = await runCli(['lint', '--format', 'xml', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown format 'xml'; use text, json or sarif");
  });

  test('exit 2 when an option lacks its value', async () => {
    const r = await runCli(['lint', 'x.yaml', '--ignore']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option --ignore needs a value');
  });

  test('exit 2 when no path is given', async () => {
    const r = await runCli(['lint']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no input given');
  });

  test('exit 2 on an unknown command', async () => {
    const r = await runCli(['check', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'check'");
  });

  test('exit 2 with an internal-error message, not a stack trace, when a rule crashes', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE });
    const crashing = { ...RETRIES_RULE, check: () => { throw new Error('boom'); } };
    const r = await runCli(['lint', '.'], { cwd: root, rules: [crashing] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-istio: internal error: boom\n/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('input', () => {
  test('reads manifests from standard input with -', async () => {
    const r = await runCli(['lint', '-'], { stdin: VIRTUAL_SERVICE_YAML });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^<stdin>:${RETRIES_LINE}  error`, 'm'));
  });

  test('stdin and files are analysed together', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE });
    const alone = await runCli(['lint', '-'], { cwd: root, stdin: VS_WITHOUT_RETRIES });
    expect(alone.stdout).toContain('test-host-exists');
    const together = await runCli(['lint', '-', 'svc.yaml'], { cwd: root, stdin: VS_WITHOUT_RETRIES });
    expect(together.stdout).not.toContain('test-host-exists');
    expect(together.stdout).toContain('in 2 files (2 objects)');
  });

  test('objects in different files of a folder are analysed together', async () => {
    const root = tempTree({ 'routes/vs.yaml': VS_WITHOUT_RETRIES, 'services/svc.yaml': NAMESPACED_SERVICE });
    expect((await runCli(['lint', 'routes'], { cwd: root })).code).toBe(1);
    expect((await runCli(['lint', 'routes', 'services'], { cwd: root })).code).toBe(0);
  });

  test('multi-document files and kind: List are counted object by object', async () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${UNNAMESPACED_SERVICE.replace(/^/gm, '  ').replace(/^  apiVersion/, '- apiVersion')}`;
    const root = tempTree({ 'all.yaml': `${NAMESPACED_SERVICE}---\n---\n${VS_WITHOUT_RETRIES}---\n${list}` });
    const r = await runCli(['lint', 'all.yaml'], { cwd: root });
    expect(r.stdout).toContain('in 1 file (3 objects)');
    expect(r.stdout).toMatch(/^all\.yaml:\d+  warning  test-service-namespace/m);
  });

  test('documents that are not Kubernetes objects are noted on stderr and do not fail', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE, 'values.yaml': 'replicaCount: 2\n' });
    const r = await runCli(['lint', '.'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('values.yaml:1: note: skipped document: not a Kubernetes object');
  });
});

describe('output', () => {
  test('the text line of a nested field points at its line (spec.http[1].retries)', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE, 'vs.yaml': VIRTUAL_SERVICE_YAML });
    const r = await runCli(['lint', '.'], { cwd: root });
    expect(r.stdout.split('\n')[0]).toBe(
      `vs.yaml:${RETRIES_LINE}  error    test-no-retries [IST9999]  VirtualService shop/reviews  spec.http[1].retries  retries are not allowed here.  Fix: remove retries`,
    );
  });

  test('text output groups findings by file', async () => {
    const root = tempTree({
      'a.yaml': `${UNNAMESPACED_SERVICE}---\n${UNNAMESPACED_SERVICE.replace('name: reviews', 'name: ratings')}`,
      'b.yaml': VIRTUAL_SERVICE_YAML,
    });
    const r = await runCli(['lint', '.'], { cwd: root });
    const blocks = r.stdout.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(3);
    expect(blocks[0].split('\n').map((l) => l.split('  ')[0])).toEqual(['a.yaml:3', 'a.yaml:12']);
    expect(blocks[1].split('\n').map((l) => l.split(':')[0])).toEqual(['b.yaml', 'b.yaml']);
    expect(blocks[2]).toBe('2 errors, 2 warnings, 0 infos in 2 files (3 objects)');
  });

  test('--format json prints {"diagnostics":[…]} with file, line and resource', async () => {
    const root = tempTree({ 'svc.yaml': UNNAMESPACED_SERVICE, 'vs.yaml': VIRTUAL_SERVICE_YAML });
    const r = await runCli(['lint', '--format', 'json', '.'], { cwd: root });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['diagnostics']);
    expect(report.diagnostics).toContainEqual({
      ruleId: 'test-no-retries',
      severity: 'error',
      message: 'retries are not allowed here.',
      file: 'vs.yaml',
      resource: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
      path: 'spec.http[1].retries',
      istioCode: 'IST9999',
      line: RETRIES_LINE,
      fix: 'remove retries',
    });
    expect(report.diagnostics).toContainEqual(expect.objectContaining({
      ruleId: 'test-service-namespace',
      resource: { apiVersion: 'v1', kind: 'Service', namespace: null, name: 'reviews' },
      istioCode: null,
      fix: null,
      line: 3,
    }));
  });

  test('--format=json with no findings prints an empty list', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE });
    const r = await runCli(['lint', '--format=json', 'svc.yaml'], { cwd: root });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ diagnostics: [] });
  });
});

describe('--ignore', () => {
  test('--ignore skips a rule, so its errors no longer fail', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE, 'vs.yaml': VIRTUAL_SERVICE_YAML });
    const r = await runCli(['lint', '--ignore', 'test-no-retries', '.'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('test-no-retries');
  });

  test('--ignore can be repeated and takes comma-separated ids', async () => {
    const root = tempTree({ 'svc.yaml': UNNAMESPACED_SERVICE, 'vs.yaml': VIRTUAL_SERVICE_YAML });
    const repeated = await runCli(['lint', '-i', 'test-no-retries', '--ignore=test-service-namespace', '--ignore', 'test-host-exists', '.'], { cwd: root });
    const commas = await runCli(['lint', '--ignore', 'test-no-retries,test-service-namespace,test-host-exists', '.'], { cwd: root });
    expect(repeated.stdout).toBe('No problems found in 2 files (2 objects).\n');
    expect(commas.stdout).toBe(repeated.stdout);
  });

  test('--ignore with an id that matches no rule warns on stderr', async () => {
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE });
    const r = await runCli(['lint', '--ignore', 'test-no-retires', 'svc.yaml'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--ignore test-no-retires: no rule has this id');
  });

  test('the ignore annotation switches a rule off for one object', async () => {
    const annotated = VIRTUAL_SERVICE_YAML.replace(
      '  namespace: shop\n',
      '  namespace: shop\n  annotations:\n    cdk8s-istio.io/ignore-rules: test-no-retries\n',
    );
    const root = tempTree({ 'svc.yaml': NAMESPACED_SERVICE, 'vs.yaml': annotated });
    expect((await runCli(['lint', '.'], { cwd: root })).code).toBe(0);
  });
});

describe('help, version and rules', () => {
  test('--help prints the lint usage and exits 0', async () => {
    const r = await runCli(['lint', '--help']);
    expect(r).toEqual({ code: 0, stdout: LINT_USAGE, stderr: '' });
    expect(LINT_USAGE).toMatch(/^Usage: cdk8s-istio lint \[options\] PATH\.\.\./);
  });

  test('cdk8s-istio --help lists the commands; no arguments prints it to stderr with exit 2', async () => {
    expect(await runCli(['--help'])).toEqual({ code: 0, stdout: MAIN_USAGE, stderr: '' });
    expect(await runCli([])).toEqual({ code: 2, stdout: '', stderr: MAIN_USAGE });
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--list-rules prints one line per rule', async () => {
    const r = await runCli(['lint', '--list-rules'], { rules: [RETRIES_RULE, NAMESPACE_RULE] });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'test-no-retries         error    IST9999  Test rule: VirtualService routes must not set retries.',
      'test-service-namespace  warning  -        Test rule: Services should declare their namespace.',
    ]);
  });

  test('--explain prints what a rule checks, and exit 2 for an unknown id', async () => {
    const r = await runCli(['lint', '--explain', 'test-no-retries']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('istioctl code: IST9999');
    expect(r.stdout).toContain('checks:        Test rule: VirtualService routes must not set retries.');
    expect((await runCli(['lint', '--explain', 'nope'])).code).toBe(2);
  });
});
