import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-retries');

describe('virtualservice-invalid-retries', () => {
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
