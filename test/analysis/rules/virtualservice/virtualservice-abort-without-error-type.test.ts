import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-abort-without-error-type');

const pct = { percentage: { value: 10 } };

describe('virtualservice-abort-without-error-type', () => {
  test('warns (as Istio does) about an abort with only a percentage', () => {
    const d = one(rule, [vsRoute({ fault: { abort: { ...pct } } })], { path: 'spec.http[0].fault.abort', severity: Severity.WARNING });
    expect(d.istioCode).toBe('IST0133');
    expect(d.message).toContain('{"percentage":{"value":10}}');
  });

  test('accepts an abort with a status', () => {
    none(rule, [vsRoute({ fault: { abort: { httpStatus: 503, ...pct } } })]);
  });
});
