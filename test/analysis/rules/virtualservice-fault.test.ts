import { none, one, vsRoute } from './resilience-fixtures';
import { Severity } from '../../../src/analysis/diagnostic';
import { virtualServiceAbortWithoutErrorType } from '../../../src/analysis/rules/virtualservice/virtualservice-abort-without-error-type';
import { virtualServiceInvalidAbortStatus } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-abort-status';
import { virtualServiceInvalidFault } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-fault';

const pct = { percentage: { value: 10 } };

describe('virtualservice-invalid-fault', () => {
  const rule = virtualServiceInvalidFault;

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

describe('virtualservice-invalid-abort-status', () => {
  const rule = virtualServiceInvalidAbortStatus;

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

describe('virtualservice-abort-without-error-type', () => {
  const rule = virtualServiceAbortWithoutErrorType;

  test('warns (as Istio does) about an abort with only a percentage', () => {
    const d = one(rule, [vsRoute({ fault: { abort: { ...pct } } })], { path: 'spec.http[0].fault.abort', severity: Severity.WARNING });
    expect(d.istioCode).toBe('IST0133');
    expect(d.message).toContain('{"percentage":{"value":10}}');
  });

  test('accepts an abort with a status', () => {
    none(rule, [vsRoute({ fault: { abort: { httpStatus: 503, ...pct } } })]);
  });
});
