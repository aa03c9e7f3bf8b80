import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-duration');

describe('virtualservice-invalid-duration', () => {
  test('reports a timeout without unit, suggesting seconds', () => {
    const d = one(rule, [vsRoute({ timeout: '5' })], { path: 'spec.http[0].timeout', severity: Severity.ERROR });
    expect(d.message).toContain('timeout of route #0 "5" is not a duration');
    expect(d.fix).toBe('Write "5s".');
  });

  test('reports a zero timeout (the CRD refuses 0s) and says that no timeout is the default', () => {
    const d = one(rule, [vsRoute({ timeout: '0s' })], { path: 'spec.http[0].timeout' });
    expect(d.message).toContain('"0s" is zero');
    expect(d.fix).toContain('a route without timeout has none');
  });

  test('reports a perTryTimeout below 1ms', () => {
    const d = one(rule, [vsRoute({ retries: { attempts: 3, perTryTimeout: '500us' } })], { path: 'spec.http[0].retries.perTryTimeout' });
    expect(d.message).toContain('"500us" is 500us, shorter than 1ms');
  });

  test('reports a backoff that is not whole milliseconds', () => {
    const d = one(rule, [vsRoute({ retries: { attempts: 3, backoff: '1.5ms' } })], { path: 'spec.http[0].retries.backoff' });
    expect(d.message).toContain('"1.5ms"');
    expect(d.message).toContain('millisecond precision');
    expect(d.fix).toContain('"2ms"');
  });

  test('reports a fault fixedDelay with a bad unit', () => {
    const d = one(rule, [vsRoute({ fault: { delay: { fixedDelay: '5sec', percentage: { value: 10 } } } })], {
      path: 'spec.http[0].fault.delay.fixedDelay',
    });
    expect(d.message).toContain('"5sec"');
    expect(d.fix).toBe('Write "5s".');
  });

  test('reports a CORS maxAge with a fraction of a second', () => {
    const d = one(rule, [vsRoute({ corsPolicy: { allowOrigins: [{ exact: 'https://a.example' }], maxAge: '1500ms' } })], {
      path: 'spec.http[0].corsPolicy.maxAge',
    });
    expect(d.message).toContain('"1500ms"');
    expect(d.fix).toContain('"2s"');
  });

  test('names the route and its index in the path', () => {
    const vs = vsRoute({ timeout: '1s' });
    vs.spec.http.push({ name: 'slow', route: [{ destination: { host: 'reviews' } }], timeout: '1x' });
    const d = one(rule, [vs], { path: 'spec.http[1].timeout' });
    expect(d.message).toContain('route "slow" (#1)');
    expect(d.message).toContain('"1x"');
  });

  test('accepts valid durations in every field', () => {
    none(rule, [vsRoute({
      timeout: '10s',
      retries: { attempts: 2, perTryTimeout: '1.5s', backoff: '25ms' },
      fault: { delay: { fixedDelay: '1m', percentage: { value: 1 } } },
      corsPolicy: { allowOrigins: [{ exact: 'https://a.example' }], maxAge: '24h' },
    })]);
  });

  test('leaves non-string values to the schema rules', () => {
    none(rule, [vsRoute({ timeout: 5 })]);
  });
});
