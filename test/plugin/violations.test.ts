import { Diagnostic, Severity } from '../../src';
import { toViolations, WHOLE_OBJECT } from '../../src/plugin/violations';

function diagnostic(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    ruleId: 'test-rule',
    severity: Severity.ERROR,
    message: 'something is wrong.',
    fix: 'do it right',
    resource: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'reviews', namespace: 'shop' },
    path: 'spec.http[0]',
    file: 'dist/shop.k8s.yaml',
    ...overrides,
  };
}

const UNIQUE = new Map([['reviews', 1]]);

describe('toViolations', () => {
  test('the same mistake on two fields of one object is one violation, one object, two locations', () => {
    const violations = toViolations([diagnostic(), diagnostic({ path: 'spec.http[1]' })], UNIQUE);
    expect(violations).toEqual([
      {
        ruleName: 'test-rule',
        recommendation: 'error: something is wrong.',
        fix: 'do it right',
        violatingResources: [{ resourceName: 'reviews', manifestPath: 'dist/shop.k8s.yaml', locations: ['spec.http[0]', 'spec.http[1]'] }],
      },
    ]);
  });

  test('the same mistake on two objects is one violation listing both', () => {
    const other = diagnostic({ resource: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'ratings', namespace: 'shop' } });
    const [violation] = toViolations([diagnostic(), other], new Map([['reviews', 1], ['ratings', 1]]));
    expect(violation.violatingResources.map((r) => r.resourceName)).toEqual(['reviews', 'ratings']);
  });

  test('different messages of one rule are separate violations, in the order of the diagnostics', () => {
    const violations = toViolations([diagnostic(), diagnostic({ message: 'something else is wrong.' })], UNIQUE);
    expect(violations.map((v) => v.recommendation)).toEqual(['error: something is wrong.', 'error: something else is wrong.']);
  });

  test('the recommendation starts with the severity and the istioctl code', () => {
    const [violation] = toViolations([diagnostic({ severity: Severity.WARNING, istioCode: 'IST0130' })], UNIQUE);
    expect(violation.recommendation).toBe('warning [IST0130]: something is wrong.');
  });

  test('a finding about the whole object is located at (whole object)', () => {
    const [violation] = toViolations([diagnostic({ path: '' })], UNIQUE);
    expect(violation.violatingResources[0].locations).toEqual([WHOLE_OBJECT]);
  });

  test('a finding without a fix points at --explain, ignoreRules and the ignore annotation', () => {
    const [violation] = toViolations([diagnostic({ fix: undefined })], UNIQUE);
    expect(violation.fix).toBe(
      "Run 'cdk8s-istio lint --explain test-rule' for what the rule checks. If the configuration is intended, " +
      'list test-rule in the plugin\'s ignoreRules, or annotate the object with cdk8s-istio.io/ignore-rules: "test-rule".',
    );
  });

  test('an object whose name is shared and whose construct is unknown is named by kind, namespace and name', () => {
    const [violation] = toViolations([diagnostic()], new Map([['reviews', 3]]));
    expect(violation.violatingResources[0].resourceName).toBe('VirtualService shop/reviews');
  });

  test('an object whose construct is known keeps its plain name, even when the name is shared', () => {
    const [violation] = toViolations([diagnostic({ constructPath: 'shop/reviews/VirtualService' })], new Map([['reviews', 3]]));
    expect(violation.violatingResources[0].resourceName).toBe('reviews');
  });
});
