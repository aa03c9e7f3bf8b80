import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-percentage');

describe('virtualservice-invalid-percentage', () => {
  test('reports a fault delay percentage above 100', () => {
    const d = one(rule, [vsRoute({ fault: { delay: { fixedDelay: '1s', percentage: { value: 150 } } } })], {
      path: 'spec.http[0].fault.delay.percentage.value',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('150 is outside 0..100');
  });

  test('reports a fault abort percentage above 0 but below 0.0001', () => {
    const d = one(rule, [vsRoute({ fault: { abort: { httpStatus: 503, percentage: { value: 0.00001 } } } })], {
      path: 'spec.http[0].fault.abort.percentage.value',
    });
    expect(d.message).toContain('0.00001');
  });

  test('reports a mirrorPercentage above 100', () => {
    const d = one(rule, [vsRoute({ mirror: { host: 'reviews-shadow' }, mirrorPercentage: { value: 120 } })], {
      path: 'spec.http[0].mirrorPercentage.value',
    });
    expect(d.message).toContain('mirrorPercentage.value 120');
  });

  test('reports a negative mirrors[].percentage', () => {
    const d = one(rule, [vsRoute({ mirrors: [{ destination: { host: 'shadow' }, percentage: { value: -5 } }] })], {
      path: 'spec.http[0].mirrors[0].percentage.value',
    });
    expect(d.message).toContain('-5');
  });

  test('reports a deprecated mirrorPercent above 100', () => {
    const d = one(rule, [vsRoute({ mirror: { host: 'shadow' }, mirrorPercent: 200 })], { path: 'spec.http[0].mirrorPercent' });
    expect(d.message).toContain('mirrorPercent 200');
  });

  test('accepts 0, 0.0001 and 100', () => {
    none(rule, [vsRoute({
      fault: { delay: { fixedDelay: '1s', percentage: { value: 0.0001 } }, abort: { httpStatus: 503, percentage: { value: 100 } } },
      mirror: { host: 'shadow' },
      mirrorPercentage: { value: 0 },
    })]);
  });
});
