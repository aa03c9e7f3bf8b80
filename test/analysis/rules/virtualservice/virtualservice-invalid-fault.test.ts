import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-fault');

const pct = { percentage: { value: 10 } };

describe('virtualservice-invalid-fault', () => {
  test('reports a fault with neither delay nor abort', () => {
    const d = one(rule, [vsRoute({ fault: {} })], { path: 'spec.http[0].fault', severity: Severity.ERROR });
    expect(d.message).toContain('fault {} has neither a delay nor an abort');
  });

  test('reports http2Error, which Istio does not support', () => {
    const d = one(rule, [vsRoute({ fault: { abort: { http2Error: 'REFUSED_STREAM', ...pct } } })], { path: 'spec.http[0].fault.abort.http2Error' });
    expect(d.message).toContain('"REFUSED_STREAM"');
  });

  test('reports exponentialDelay, which Istio does not support', () => {
    const d = one(rule, [vsRoute({ fault: { delay: { exponentialDelay: '2s', ...pct } } })], { path: 'spec.http[0].fault.delay.exponentialDelay' });
    expect(d.message).toContain('"2s"');
    expect(d.fix).toContain('fixedDelay: "2s"');
  });

  test('accepts a fixed delay and an HTTP abort', () => {
    none(rule, [vsRoute({ fault: { delay: { fixedDelay: '2s', ...pct }, abort: { httpStatus: 503, ...pct } } })]);
  });
});
