import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-abort-status');

const pct = { percentage: { value: 10 } };

describe('virtualservice-invalid-abort-status', () => {
  test('reports an HTTP status below 200', () => {
    const d = one(rule, [vsRoute({ fault: { abort: { httpStatus: 100, ...pct } } })], { path: 'spec.http[0].fault.abort.httpStatus', severity: Severity.ERROR });
    expect(d.message).toContain('httpStatus 100 is not between 200 and 600');
  });

  test('reports an HTTP status above 600', () => {
    const d = one(rule, [vsRoute({ fault: { abort: { httpStatus: 700, ...pct } } })], { path: 'spec.http[0].fault.abort.httpStatus' });
    expect(d.message).toContain('700');
  });

  test('reports a numeric gRPC status and suggests its name', () => {
    const d = one(rule, [vsRoute({ fault: { abort: { grpcStatus: '14', ...pct } } })], { path: 'spec.http[0].fault.abort.grpcStatus' });
    expect(d.message).toContain('"14"');
    expect(d.fix).toBe('Write grpcStatus: "UNAVAILABLE".');
  });

  test('accepts 200, 600 and gRPC status names', () => {
    none(rule, [vsRoute({ fault: { abort: { httpStatus: 200, ...pct } } })]);
    none(rule, [vsRoute({ fault: { abort: { httpStatus: 600, ...pct } } })]);
    none(rule, [vsRoute({ fault: { abort: { grpcStatus: 'UNAVAILABLE', ...pct } } })]);
  });
});
