import { run } from './fixtures';
import { none, one, vsRoute } from './resilience-fixtures';
import { Severity } from '../../../src/analysis/diagnostic';
import { virtualServiceInvalidRetries } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-retries';
import { virtualServiceInvalidRetryOn } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-retry-on';

describe('virtualservice-invalid-retry-on', () => {
  const rule = virtualServiceInvalidRetryOn;

  test('reports an unknown condition at spec.http[0].retries.retryOn with the corrected value', () => {
    const d = one(rule, [vsRoute({ retries: { attempts: 3, retryOn: '5XX,connect-failure' } })], {
      path: 'spec.http[0].retries.retryOn',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('retryOn entry "5XX" in "5XX,connect-failure"');
    expect(d.fix).toBe('Write retryOn: "5xx,connect-failure" (comma-separated, no spaces).');
  });

  test('reports a space after the comma, which Istio does not trim', () => {
    const d = one(rule, [vsRoute({ retries: { attempts: 3, retryOn: '5xx, reset' } })], { path: 'spec.http[0].retries.retryOn' });
    expect(d.message).toContain('" reset"');
    expect(d.message).toContain('does not trim');
    expect(d.fix).toContain('"5xx,reset"');
  });

  test('reports a status code Go has no name for', () => {
    const d = one(rule, [vsRoute({ retries: { attempts: 3, retryOn: '509' } })], { path: 'spec.http[0].retries.retryOn' });
    expect(d.message).toContain('"509"');
  });

  test('reports each bad entry, including an empty one from a trailing comma', () => {
    const ds = run(rule, [vsRoute({ retries: { attempts: 3, retryOn: 'bogus,5xx,' } })]);
    expect(ds).toHaveLength(2);
    expect(ds[0].message).toContain('"bogus"');
    expect(ds[1].message).toContain('empty entry');
  });

  test('accepts conditions, gRPC conditions and known status codes', () => {
    none(rule, [vsRoute({ retries: { attempts: 3, retryOn: 'gateway-error,connect-failure,refused-stream,503,unavailable,retriable-status-codes' } })]);
  });
});

describe('virtualservice-invalid-retries', () => {
  const rule = virtualServiceInvalidRetries;

  test('reports negative attempts', () => {
    const d = one(rule, [vsRoute({ retries: { attempts: -1 } })], { path: 'spec.http[0].retries.attempts', severity: Severity.ERROR });
    expect(d.message).toContain('retries.attempts is -1');
  });

  test('reports perTryTimeout without attempts (attempts defaults to 0, retries disabled)', () => {
    const d = one(rule, [vsRoute({ retries: { perTryTimeout: '2s' } })], { path: 'spec.http[0].retries' });
    expect(d.message).toContain('perTryTimeout "2s"');
    expect(d.message).toContain('attempts is not set (so it is 0)');
    expect(d.fix).toContain('attempts: 3');
  });

  test('reports retryOn with attempts 0 at the attempts field', () => {
    const d = one(rule, [vsRoute({ retries: { attempts: 0, retryOn: '5xx' } })], { path: 'spec.http[0].retries.attempts' });
    expect(d.message).toContain('retryOn "5xx"');
  });

  test('reports retryRemoteLocalities with retries disabled', () => {
    const d = one(rule, [vsRoute({ retries: { retryRemoteLocalities: true } })], { path: 'spec.http[0].retries' });
    expect(d.message).toContain('retryRemoteLocalities true');
  });

  test('accepts attempts 0 alone (retries disabled) and a complete policy', () => {
    none(rule, [vsRoute({ retries: { attempts: 0 } })]);
    none(rule, [vsRoute({ retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx' } })]);
  });
});
