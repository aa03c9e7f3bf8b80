import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-invalid-outlier-detection');

describe('destinationrule-invalid-outlier-detection', () => {
  test('reports consecutiveLocalOriginFailures without splitExternalLocalOriginErrors', () => {
    const d = one(rule, [drPolicy({ outlierDetection: { consecutiveLocalOriginFailures: 5 } })], {
      path: 'spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('consecutiveLocalOriginFailures 5');
    expect(d.fix).toContain('splitExternalLocalOriginErrors: true');
  });

  test('reports maxEjectionPercent above 100', () => {
    const d = one(rule, [drPolicy({ outlierDetection: { maxEjectionPercent: 150 } })], { path: 'spec.trafficPolicy.outlierDetection.maxEjectionPercent' });
    expect(d.message).toContain('maxEjectionPercent of the top-level traffic policy is 150');
  });

  test('reports a negative minHealthPercent', () => {
    const d = one(rule, [drPolicy({ outlierDetection: { minHealthPercent: -10 } })], { path: 'spec.trafficPolicy.outlierDetection.minHealthPercent' });
    expect(d.message).toContain('-10');
  });

  test('accepts split local-origin failures and percentages within 0..100', () => {
    const outlierDetection = {
      splitExternalLocalOriginErrors: true,
      consecutiveLocalOriginFailures: 5,
      maxEjectionPercent: 100,
      minHealthPercent: 0,
    };
    none(rule, [drPolicy({ outlierDetection })]);
  });
});
