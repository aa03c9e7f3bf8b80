import { runCli, SERVICE_YAML, tempTree, TEST_RULE_INFO } from './helpers';
import { Severity } from '../../src/analysis/diagnostic';
import { isPlainObject } from '../../src/analysis/manifest';
import { Rule } from '../../src/analysis/rule';

afterEach(() => jest.restoreAllMocks());

/** Info: reports the type of every label value of ConfigMaps, so a test sees how YAML was read. */
const LABEL_TYPES: Rule = {
  ...TEST_RULE_INFO,
  id: 'test-label-types',
  severity: Severity.INFO,
  summary: 'Test rule: reports how label values were read.',
  check(model, report) {
    for (const cm of model.ofKind('', 'ConfigMap')) {
      const labels = isPlainObject(cm.source.manifest.metadata?.labels) ? cm.source.manifest.metadata.labels : {};
      for (const [k, v] of Object.entries(labels)) {
        report({ object: cm, path: ['metadata', 'labels', k], message: `${typeof v} ${JSON.stringify(v)}` });
      }
    }
  },
};

describe('YAML is read as cdk8s writes it and Kubernetes reads it (YAML 1.1)', () => {
  test.each([
    ['0o755', 'string "0o755"'],
    ['0755', 'number 493'],
    ['yes', 'boolean true'],
    ['on', 'boolean true'],
    ['0x1F', 'number 31'],
    ['"0o755"', 'string "0o755"'],
    // The Go YAML reader of Kubernetes has no base-60 numbers and needs a digit in a float:
    ['1:20', 'string "1:20"'],
    ['.', 'string "."'],
    ['-.', 'string "-."'],
    ['.5', 'number 0.5'],
  ])('the plain scalar %s is read as %s', async (written, read) => {
    const dir = tempTree({ 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    v: ${written}\n` });
    const r = await runCli(['lint', '--format', 'json', 'cm.yaml'], { cwd: dir, rules: [LABEL_TYPES] });
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => d.message)).toEqual([read]);
  });
});

describe("the yaml library's warnings", () => {
  const HELM_TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels:
    {{ .Values.labelKey }}: shop
`;

  test('a template left in a mapping key is a note with its line, not a warning of the yaml library', async () => {
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dir = tempTree({ 'chart.yaml': HELM_TEMPLATE });
    const r = await runCli(['lint', 'chart.yaml'], { cwd: dir });
    expect(emitWarning).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(r.stderr).toMatch(/^chart\.yaml:6:5: note: a mapping key is itself a map or list, read as the string .*helm template/m);
  });

  test.each([
    ['an explicit key', 'metadata:\n  name: c\n  labels:\n    ? [a, b]\n    : shop\n', 4],
    ['a flow map as key', 'metadata:\n  name: c\n  labels:\n    {a: b} : shop\n', 4],
  ])('%s that is a collection gives the note too', async (_what, body, line) => {
    const dir = tempTree({ 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\n${body}` });
    const r = await runCli(['lint', 'cm.yaml'], { cwd: dir });
    expect(r.stderr).toMatch(new RegExp(`^cm\\.yaml:${line + 2}:\\d+: note: a mapping key is itself a map or list`, 'm'));
  });

  test('a file without such keys gives no note', async () => {
    const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
    const r = await runCli(['lint', 'svc.yaml'], { cwd: dir });
    expect(r.stderr).toBe('');
  });
});
