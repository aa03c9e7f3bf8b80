import { RETRIES_RULE, NAMESPACE_RULE, runCli } from './helpers';
import { ALL_RULES } from '../../src/analysis/rules';
import { formatRuleExplanation } from '../../src/cli/main';
import { DescribedRule } from '../../src/cli/sarif';

const DESCRIBED: DescribedRule = {
  ...RETRIES_RULE,
  id: 'test-described',
  docs: 'Retries multiply the load on a failing service.\nKeep them at the edge of the call graph.',
};

describe('--explain', () => {
  test('prints the id, severity, istioctl code with its reference page, and the summary', async () => {
    const r = await runCli(['lint', '--explain', RETRIES_RULE.id], { rules: [RETRIES_RULE] });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'test-no-retries',
      '  severity:      error (fails lint and synth)',
      '  istioctl code: IST9999  https://istio.io/latest/docs/reference/config/analysis/ist9999/',
      '  checks:        Test rule: VirtualService routes must not set retries.',
      '',
      '  A rule made up for these tests.',
      '',
      '  switch off:    --ignore test-no-retries (lint), ignoreRules (Mesh, validation plugin),',
      '                 or for one object the annotation cdk8s-istio.io/ignore-rules: "test-no-retries"',
      '',
    ].join('\n'));
  });

  test('a warning rule says when it fails, and a rule without istioctl equivalent says so', () => {
    const out = formatRuleExplanation(NAMESPACE_RULE);
    expect(out).toContain('  severity:      warning (reported; fails only with --fail-on warning / failOnWarnings)');
    expect(out).toContain('  istioctl code: none (istioctl analyze has no equivalent check)');
  });

  test('a rule with a longer description prints it, indented, after the summary', async () => {
    const r = await runCli(['lint', '--explain', DESCRIBED.id], { rules: [DESCRIBED] });
    expect(r.stdout).toContain(
      '  checks:        Test rule: VirtualService routes must not set retries.\n\n' +
      '  Retries multiply the load on a failing service.\n' +
      '  Keep them at the edge of the call graph.\n\n' +
      '  switch off:',
    );
  });

  test('explains the real rules, e.g. the IST0101 subset check', async () => {
    const r = await runCli(['lint', '--explain', 'virtualservice-subset-not-found'], { rules: ALL_RULES });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('istioctl code: IST0101  https://istio.io/latest/docs/reference/config/analysis/ist0101/');
  });

  test('an unknown id exits 2 and suggests the closest rule id', async () => {
    const r = await runCli(['lint', '--explain', 'virtualservice-subset-not-fund'], { rules: ALL_RULES });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "cdk8s-istio lint: no rule has the id 'virtualservice-subset-not-fund'. Did you mean 'virtualservice-subset-not-found'? " +
      "Run 'cdk8s-istio lint --list-rules' to see them.\n",
    );
  });

  test('an id far from every rule gets no suggestion', async () => {
    const r = await runCli(['lint', '--explain', 'nope'], { rules: ALL_RULES });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('Did you mean');
  });
});
