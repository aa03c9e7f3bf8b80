import { checkIstioDuration, durationNanos, formatDuration, parseDuration } from '../../../src/analysis/validators/duration';

const ms = (n: number) => BigInt(n) * 1_000_000n;

describe('parseDuration (Go time.ParseDuration, as CEL duration() reads it)', () => {
  test.each([
    ['1.5s', ms(1500)],
    ['500ms', ms(500)],
    ['1h', ms(3_600_000)],
    ['1m30s', ms(90_000)],
    ['1h30m', ms(5_400_000)],
    ['250us', 250_000n],
    ['250\u00b5s', 250_000n],
    ['10ns', 10n],
    ['.5s', ms(500)],
    ['1.s', ms(1000)],
    ['0', 0n],
    ['0s', 0n],
    ['+2s', ms(2000)],
    ['-1s', -ms(1000)],
    ['0.001s', ms(1)],
  ])('%s parses to the right length', (text, nanos) => {
    expect(parseDuration(text)).toEqual({ ok: true, nanos });
  });

  test.each([
    ['5', 'no unit'],
    ['5 s', 'not a duration unit'],
    ['5sec', 'not a duration unit'],
    ['1d', 'not a duration unit'],
    ['', 'empty'],
    ['s', 'expected a number'],
    ['.s', 'expected a number'],
    ['99999999999h', 'largest duration'],
  ])('%s is refused (%s)', (text, why) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain(why);
  });
});

describe('formatDuration', () => {
  test.each([
    [ms(6000), '6s'],
    [ms(1500), '1.5s'],
    [ms(250), '250ms'],
    [ms(90_000), '1m30s'],
    [ms(7_200_000), '2h'],
    [500_000n, '500us'],
    [1500n, '1500ns'],
    [0n, '0s'],
    [-ms(1000), '-1s'],
  ])('%s ns reads %s', (nanos, text) => {
    expect(formatDuration(nanos)).toBe(text);
  });
});

describe('checkIstioDuration (CRD CEL rule + webhook ValidateDuration)', () => {
  test('accepts whole milliseconds of at least 1ms', () => {
    for (const v of ['1ms', '0.001s', '5s', '1.5s', '1h', '2m30s']) expect(checkIstioDuration(v)).toBeUndefined();
  });

  test('refuses what does not parse, with a guess at what was meant', () => {
    expect(checkIstioDuration('5')).toMatchObject({ kind: 'unparseable', suggestion: '5s' });
    expect(checkIstioDuration('10 seconds')).toMatchObject({ kind: 'unparseable', suggestion: '10s' });
    expect(checkIstioDuration('1d')).toMatchObject({ kind: 'unparseable', suggestion: '24h' });
    expect(checkIstioDuration('soon')).toMatchObject({ kind: 'unparseable', suggestion: undefined });
  });

  test('refuses zero, negative and sub-millisecond lengths as too short', () => {
    expect(checkIstioDuration('0s')).toMatchObject({ kind: 'too-short', reason: 'is zero' });
    expect(checkIstioDuration('-1s')).toMatchObject({ kind: 'too-short', reason: 'is negative' });
    expect(checkIstioDuration('500us')).toMatchObject({ kind: 'too-short', suggestion: '1ms' });
  });

  test('refuses a fraction of a millisecond, suggesting the rounded value', () => {
    expect(checkIstioDuration('1.0005s')).toMatchObject({ kind: 'sub-millisecond', suggestion: '1.001s' });
    expect(checkIstioDuration('2500us')).toMatchObject({ kind: 'sub-millisecond', suggestion: '3ms' });
  });

  test('allowZero lets 0s (and values truncating to 0ms) through, as for tcp.idleTimeout', () => {
    expect(checkIstioDuration('0s', { allowZero: true })).toBeUndefined();
    expect(checkIstioDuration('500us', { allowZero: true })).toBeUndefined();
    expect(checkIstioDuration('-1s', { allowZero: true })).toMatchObject({ kind: 'too-short' });
  });

  test('wholeSeconds refuses fractions of a second, as for CORS maxAge', () => {
    expect(checkIstioDuration('1500ms', { wholeSeconds: true })).toMatchObject({ kind: 'sub-second', suggestion: '2s' });
    expect(checkIstioDuration('24h', { wholeSeconds: true })).toBeUndefined();
  });

  test('leaves non-strings to the schema rules', () => {
    expect(checkIstioDuration(5)).toBeUndefined();
    expect(durationNanos(5)).toBeUndefined();
    expect(durationNanos('2s')).toBe(ms(2000));
  });
});
