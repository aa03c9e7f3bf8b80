import { Severity } from '../../../../src/analysis/diagnostic';
import { ALL_RULES } from '../../../../src/analysis/rules';
import { PARITY_RULES } from '../../../../src/analysis/rules/parity';

describe('the parity rules', () => {
  test('all run in the engine, once each', () => {
    const ids = ALL_RULES.map((r) => r.id);
    for (const rule of PARITY_RULES) expect(ids.filter((id) => id === rule.id)).toEqual([rule.id]);
  });

  test('have kebab-case ids with a kind prefix, an istioctl code and a one-sentence summary', () => {
    const prefixes = ['virtualservice', 'destinationrule', 'gateway', 'telemetry', 'annotation', 'workload', 'policy', 'sidecar', 'envoyfilter', 'webhook'];
    for (const rule of PARITY_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(prefixes).toContain(rule.id.split('-')[0]);
      expect(rule.istioCode).toMatch(/^IST0\d{3}$/);
      expect(rule.summary).toMatch(/^[A-Z].*\.$/);
      expect(Object.values(Severity)).toContain(rule.severity);
    }
  });
});
