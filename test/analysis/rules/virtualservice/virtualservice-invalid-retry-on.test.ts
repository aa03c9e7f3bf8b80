import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-retry-on');

describe('virtualservice-invalid-retry-on', () => {
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
