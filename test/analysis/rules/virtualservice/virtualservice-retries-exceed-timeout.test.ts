import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-retries-exceed-timeout');

describe('virtualservice-retries-exceed-timeout', () => {
  test('warns when attempts × perTryTimeout exceed the route timeout, giving the numbers', () => {
    const d = one(rule, [vsRoute({ timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s' } })], {
      path: 'spec.http[0].retries.perTryTimeout',
      severity: Severity.WARNING,
    });
    expect(d.message).toContain('attempts 3 × perTryTimeout 2s = 6s > timeout 5s');
    expect(d.message).toContain('Counting the first try, 4 tries of up to 2s need 8s');
    expect(d.message).toContain('only 3 can start before the route timeout (the last of them cut to 1s), so 1 configured retry never happens');
    expect(d.fix).toBe('Lower attempts to 1 (2 tries × 2s = 4s), or raise timeout to at least 8s, or shorten perTryTimeout to at most 1.25s.');
  });

  test('counts several retries that never happen', () => {
    const d = one(rule, [vsRoute({ timeout: '2s', retries: { attempts: 4, perTryTimeout: '1s' } })], { path: 'spec.http[0].retries.perTryTimeout' });
    expect(d.message).toContain('only 2 can start before the route timeout, so 3 configured retries never happen');
  });

  test('leaves out "lower attempts" when not even one retry fits', () => {
    const d = one(rule, [vsRoute({ timeout: '3s', retries: { attempts: 2, perTryTimeout: '2s' } })], { path: 'spec.http[0].retries.perTryTimeout' });
    expect(d.fix).toBe('Raise timeout to at least 6s, or shorten perTryTimeout to at most 1s.');
  });

  test('accepts tries that fit in the timeout', () => {
    none(rule, [vsRoute({ timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s' } })]);
  });

  test('accepts retries that all start in time even if the last is shortened (attempts × perTryTimeout = timeout)', () => {
    none(rule, [vsRoute({ timeout: '6s', retries: { attempts: 3, perTryTimeout: '2s' } })]);
  });

  test('does not judge Istio\'s default retries (no retries block)', () => {
    none(rule, [vsRoute({ timeout: '1s' })]);
  });

  test('does not judge retries without perTryTimeout (each try may use the whole timeout)', () => {
    none(rule, [vsRoute({ timeout: '1s', retries: { attempts: 5 } })]);
  });

  test('does not judge routes without timeout, or with retries disabled', () => {
    none(rule, [vsRoute({ retries: { attempts: 5, perTryTimeout: '10s' } })]);
    none(rule, [vsRoute({ timeout: '1s', retries: { attempts: 0 } })]);
  });
});
