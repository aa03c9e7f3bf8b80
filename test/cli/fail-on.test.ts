import { NAMESPACE_RULE, RETRIES_RULE, runCli, SERVICE_INFO_RULE, SERVICE_YAML, tempTree, UNNAMESPACED_SERVICE_YAML, VIRTUAL_SERVICE_YAML } from './helpers';
import { Rule } from '../../src/analysis/rule';

async function lint(args: string[], files: Record<string, string>, rules: readonly Rule[]) {
  return runCli(['lint', ...args, '.'], { cwd: tempTree(files), rules });
}

describe('--fail-on', () => {
  test('by default only errors fail: warnings exit 0', async () => {
    expect((await lint([], { 'svc.yaml': UNNAMESPACED_SERVICE_YAML }, [NAMESPACE_RULE])).code).toBe(0);
  });

  test('--fail-on warning exits 1 on a warning', async () => {
    const r = await lint(['--fail-on', 'warning'], { 'svc.yaml': UNNAMESPACED_SERVICE_YAML }, [NAMESPACE_RULE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('0 errors, 1 warning, 0 infos');
  });

  test('--fail-on=warning (inline value) is the same', async () => {
    expect((await lint(['--fail-on=warning'], { 'svc.yaml': UNNAMESPACED_SERVICE_YAML }, [NAMESPACE_RULE])).code).toBe(1);
  });

  test('--fail-on warning still exits 1 on an error', async () => {
    const r = await lint(['--fail-on', 'warning'], { 'svc.yaml': SERVICE_YAML, 'vs.yaml': VIRTUAL_SERVICE_YAML }, [RETRIES_RULE]);
    expect(r.code).toBe(1);
  });

  test('--fail-on warning does not fail on infos', async () => {
    expect((await lint(['--fail-on', 'warning'], { 'svc.yaml': SERVICE_YAML }, [SERVICE_INFO_RULE])).code).toBe(0);
  });

  test('--fail-on error is the default, said explicitly', async () => {
    expect((await lint(['--fail-on', 'error'], { 'svc.yaml': UNNAMESPACED_SERVICE_YAML }, [NAMESPACE_RULE])).code).toBe(0);
  });

  test('--fail-on applies to json and sarif output too', async () => {
    for (const format of ['json', 'sarif']) {
      expect((await lint(['--format', format, '--fail-on', 'warning'], { 'svc.yaml': UNNAMESPACED_SERVICE_YAML }, [NAMESPACE_RULE])).code).toBe(1);
    }
  });

  test('an unknown level exits 2 and says which levels exist', async () => {
    const r = await lint(['--fail-on', 'info'], { 'svc.yaml': SERVICE_YAML }, [NAMESPACE_RULE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'cdk8s-istio lint: --fail-on info: use error or warning (the least severe finding that makes lint exit 1)\n' +
      "Run 'cdk8s-istio lint --help' for usage.\n",
    );
  });
});
