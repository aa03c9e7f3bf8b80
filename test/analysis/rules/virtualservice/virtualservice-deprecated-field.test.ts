import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-deprecated-field');

describe('virtualservice-deprecated-field', () => {
  test('warns about mirrorPercent, as Istio does', () => {
    const d = one(rule, [vsRoute({ mirror: { host: 'shadow' }, mirrorPercent: 50 })], { path: 'spec.http[0].mirrorPercent', severity: Severity.WARNING });
    expect(d.istioCode).toBe('IST0133');
    expect(d.message).toContain('mirrorPercent 50 is deprecated');
    expect(d.fix).toBe('Write mirrorPercentage: { value: 50 } instead.');
  });

  test('accepts mirrorPercentage', () => {
    none(rule, [vsRoute({ mirror: { host: 'shadow' }, mirrorPercentage: { value: 50 } })]);
  });
});
