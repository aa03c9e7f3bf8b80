import { HOST_RULE, RETRIES_RULE, runCli, SERVICE_YAML, tempTree, VIRTUAL_SERVICE_YAML } from './helpers';
import { LINT_USAGE } from '../../src/cli/main';

/** The VirtualService with `metadata.annotations["cdk8s-istio.io/ignore-rules"]: value`. */
function annotated(value: string, yaml = VIRTUAL_SERVICE_YAML): string {
  return yaml.replace('  namespace: shop\n', `  namespace: shop\n  annotations:\n    cdk8s-istio.io/ignore-rules: ${JSON.stringify(value)}\n`);
}

const SECOND_VS = VIRTUAL_SERVICE_YAML.replace('name: reviews', 'name: reviews-b');

async function ruleIdsFor(files: Record<string, string>): Promise<string[]> {
  const r = await runCli(['lint', '--format', 'json', '.'], { cwd: tempTree(files), rules: [RETRIES_RULE, HOST_RULE] });
  return JSON.parse(r.stdout).diagnostics.map((d: any) => `${d.ruleId} ${d.resource.name}`);
}

describe('the cdk8s-istio.io/ignore-rules annotation', () => {
  test('switches the named rule off for the annotated object only', async () => {
    const ids = await ruleIdsFor({ 'svc.yaml': SERVICE_YAML, 'a.yaml': annotated('test-no-retries'), 'b.yaml': SECOND_VS });
    expect(ids).toEqual(['test-no-retries reviews-b']);
  });

  test('takes a comma-separated list, spaces allowed', async () => {
    const ids = await ruleIdsFor({ 'a.yaml': annotated('test-host-exists , test-no-retries') });
    expect(ids).toEqual([]);
  });

  test('does not switch off rules it does not name', async () => {
    const ids = await ruleIdsFor({ 'a.yaml': annotated('test-no-retries') });
    expect(ids).toEqual(['test-host-exists reviews']);
  });

  test('is matched by exact rule id, not by prefix', async () => {
    const ids = await ruleIdsFor({ 'svc.yaml': SERVICE_YAML, 'a.yaml': annotated('test-no') });
    expect(ids).toEqual(['test-no-retries reviews']);
  });

  test('is documented in lint --help', () => {
    expect(LINT_USAGE).toContain('cdk8s-istio.io/ignore-rules: "rule-a,rule-b"');
  });
});
