import * as path from 'path';
import { NAMESPACE_RULE, RETRIES_LINE, RETRIES_RULE, runCli, SERVICE_INFO_RULE, SERVICE_YAML, tempTree, TEST_RULES, UNNAMESPACED_SERVICE_YAML, VIRTUAL_SERVICE_YAML } from './helpers';
import { sarifProblems } from './sarif-subset-schema';
import { Rule } from '../../src/analysis/rule';
import { artifactUri, FINGERPRINT_KEY } from '../../src/cli/sarif';

const RULES: readonly Rule[] = [...TEST_RULES, SERVICE_INFO_RULE];

async function sarif(files: Record<string, string>, args: string[] = ['.'], opts: { stdin?: string; rules?: readonly Rule[] } = {}) {
  const root = tempTree(files);
  const r = await runCli(['lint', '--format', 'sarif', ...args], { cwd: root, stdin: opts.stdin, rules: opts.rules ?? RULES });
  return { ...r, root, log: r.stdout ? JSON.parse(r.stdout) : undefined };
}

function resultsOf(log: any, ruleId: string): any[] {
  return log.runs[0].results.filter((x: any) => x.ruleId === ruleId);
}

describe('--format sarif', () => {
  test('writes a SARIF 2.1.0 log that satisfies the schema of the standard (subset used)', async () => {
    const { log, code, stderr } = await sarif({ 'svc.yaml': UNNAMESPACED_SERVICE_YAML, 'vs.yaml': VIRTUAL_SERVICE_YAML });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarifProblems(log)).toEqual([]);
    expect([...new Set(log.runs[0].results.map((x: any) => x.level))].sort()).toEqual(['error', 'note', 'warning']);
  });

  test('the schema check refuses a log with a wrong level, a 0 line or a misspelt property', () => {
    const result = { ruleId: 'r', level: 'info', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b.yaml' }, region: { startLine: 0 } } }] };
    const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rule: [] } }, results: [result] }] };
    const problems = sarifProblems(log).join('\n');
    expect(problems).toContain('/runs/0/tool/driver must NOT have additional properties {"additionalProperty":"rule"}');
    expect(problems).toContain('/runs/0/results/0/level must be equal to one of the allowed values');
    expect(problems).toContain('/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1');
    expect(problems).toContain('/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri must match pattern');
  });

  test('tool.driver names the tool and lists every rule that ran, with summary, default level and Istio code', async () => {
    const { log } = await sarif({ 'svc.yaml': SERVICE_YAML });
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('cdk8s-istio');
    expect(driver.rules.map((r: any) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(driver.rules[0]).toMatchObject({
      id: RETRIES_RULE.id,
      shortDescription: { text: RETRIES_RULE.summary },
      defaultConfiguration: { level: 'error' },
      properties: { istioCode: 'IST9999' },
    });
    expect(driver.rules[0].help.text).toContain(`--ignore ${RETRIES_RULE.id}`);
    expect(driver.rules.find((r: any) => r.id === SERVICE_INFO_RULE.id).defaultConfiguration.level).toBe('note');
  });

  test('rules switched off with --ignore are not listed', async () => {
    const { log } = await sarif({ 'svc.yaml': SERVICE_YAML }, ['--ignore', NAMESPACE_RULE.id, '.']);
    expect(log.runs[0].tool.driver.rules.map((r: any) => r.id)).not.toContain(NAMESPACE_RULE.id);
  });

  test('a result has the rule id and index, the level and the message with the fix', async () => {
    const { log } = await sarif({ 'svc.yaml': SERVICE_YAML, 'vs.yaml': VIRTUAL_SERVICE_YAML });
    const [result] = resultsOf(log, RETRIES_RULE.id);
    expect(result).toMatchObject({ ruleId: RETRIES_RULE.id, level: 'error', message: { text: 'retries are not allowed here. Fix: remove retries' } });
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(RETRIES_RULE.id);
  });

  test('the physical location is the file relative to the current folder and the line of the field', async () => {
    const { log } = await sarif({ 'svc.yaml': SERVICE_YAML, 'mesh/vs.yaml': VIRTUAL_SERVICE_YAML });
    const [result] = resultsOf(log, RETRIES_RULE.id);
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'mesh/vs.yaml' }, region: { startLine: RETRIES_LINE } });
  });

  test('the logical location is the object and the JSON path of the field', async () => {
    const { log } = await sarif({ 'svc.yaml': SERVICE_YAML, 'vs.yaml': VIRTUAL_SERVICE_YAML });
    const [result] = resultsOf(log, RETRIES_RULE.id);
    expect(result.locations[0].logicalLocations).toEqual([
      { name: 'spec.http[1].retries', fullyQualifiedName: 'VirtualService shop/reviews spec.http[1].retries', kind: 'property' },
    ]);
  });

  test('a finding about the whole object has the object as its logical location', async () => {
    const { log } = await sarif({ 'svc.yaml': SERVICE_YAML });
    const [result] = resultsOf(log, SERVICE_INFO_RULE.id);
    expect(result.locations[0].logicalLocations).toEqual([{ name: 'reviews', fullyQualifiedName: 'Service shop/reviews', kind: 'object' }]);
  });

  test('input from stdin has no file, so only a logical location', async () => {
    const { log } = await sarif({}, ['-'], { stdin: VIRTUAL_SERVICE_YAML });
    const [result] = resultsOf(log, RETRIES_RULE.id);
    expect(result.locations[0].physicalLocation).toBeUndefined();
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('VirtualService shop/reviews spec.http[1].retries');
    expect(sarifProblems(log)).toEqual([]);
  });

  test('a file given by absolute path is still written relative to the current folder', async () => {
    const root = tempTree({ 'deploy/vs.yaml': VIRTUAL_SERVICE_YAML });
    const r = await runCli(['lint', '--format', 'sarif', path.join(root, 'deploy', 'vs.yaml')], { cwd: root, rules: RULES });
    const [result] = resultsOf(JSON.parse(r.stdout), RETRIES_RULE.id);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/vs.yaml');
  });

  test('file names are percent-encoded URI references with / separators', () => {
    expect(artifactUri('my manifests/vs#1.yaml', '/work')).toBe('my%20manifests/vs%231.yaml');
    expect(artifactUri('../other/vs.yaml', '/work/app')).toBe('../other/vs.yaml');
    expect(artifactUri('/work/app/a.yaml', '/work/app')).toBe('a.yaml');
  });

  test('a result keeps its fingerprint when lines move, so code-scanning UIs track it across runs', async () => {
    const before = await sarif({ 'vs.yaml': VIRTUAL_SERVICE_YAML });
    const after = await sarif({ 'vs.yaml': `# a comment\n# another\n${VIRTUAL_SERVICE_YAML}` });
    const [a] = resultsOf(before.log, RETRIES_RULE.id);
    const [b] = resultsOf(after.log, RETRIES_RULE.id);
    expect(b.locations[0].physicalLocation.region.startLine).toBe(a.locations[0].physicalLocation.region.startLine + 2);
    expect(b.partialFingerprints[FINGERPRINT_KEY]).toBe(a.partialFingerprints[FINGERPRINT_KEY]);
    const other = resultsOf(before.log, 'test-host-exists')[0];
    expect(other.partialFingerprints[FINGERPRINT_KEY]).not.toBe(a.partialFingerprints[FINGERPRINT_KEY]);
  });

  test('no findings is a valid log with no results, and exit 0', async () => {
    const { log, code } = await sarif({ 'svc.yaml': SERVICE_YAML }, ['.'], { rules: [RETRIES_RULE] });
    expect(code).toBe(0);
    expect(log.runs[0].results).toEqual([]);
    expect(sarifProblems(log)).toEqual([]);
  });

  test('the exit code is the same as with text output', async () => {
    const files = { 'svc.yaml': SERVICE_YAML, 'vs.yaml': VIRTUAL_SERVICE_YAML };
    const text = await runCli(['lint', '.'], { cwd: tempTree(files), rules: RULES });
    expect((await sarif(files)).code).toBe(text.code);
  });
});
