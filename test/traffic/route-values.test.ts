import { Duration } from 'cdk8s';
import { istioDuration } from '../../src/traffic/route-values';

/** Parses a Go-style duration (`1h`, `90s`, `1500ms`, `250us`, `1.5s`) into nanoseconds. */
function parseGoDuration(text: string): number {
  const units: Record<string, number> = { h: 3.6e12, m: 6e10, s: 1e9, ms: 1e6, us: 1e3, ns: 1 };
  let rest = text;
  let total = 0;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/.exec(rest);
    if (!m) throw new Error(`not a Go duration: ${text}`);
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

describe('Istio duration strings', () => {
  test.each<[string, string, Duration]>([
    ['Duration.seconds(2)', '2s', Duration.seconds(2)],
    ['Duration.millis(500)', '500ms', Duration.millis(500)],
    ['Duration.seconds(1.5)', '1500ms', Duration.seconds(1.5)],
    ['Duration.seconds(90)', '90s', Duration.seconds(90)],
    ['Duration.minutes(2)', '2m', Duration.minutes(2)],
    ['Duration.hours(24)', '24h', Duration.hours(24)],
    ['Duration.days(1)', '24h', Duration.days(1)],
    ['Duration.millis(1.5)', '1500us', Duration.millis(1.5)],
    ['Duration.seconds(1.001)', '1001ms', Duration.seconds(1.001)],
    ['Duration.seconds(0)', '0s', Duration.seconds(0)],
  ])('%s renders as %s', (_label, text, duration) => {
    expect(istioDuration('at', duration)).toBe(text);
  });

  test.each<[string, Duration]>([
    ['Duration.millis(1)', Duration.millis(1)],
    ['Duration.millis(25)', Duration.millis(25)],
    ['Duration.seconds(0.1)', Duration.seconds(0.1)],
    ['Duration.seconds(3.25)', Duration.seconds(3.25)],
    ['Duration.minutes(1.5)', Duration.minutes(1.5)],
    ['Duration.hours(1.25)', Duration.hours(1.25)],
    ['Duration.millis(0.001)', Duration.millis(0.001)],
    ['Duration.seconds(86399.999)', Duration.seconds(86399.999)],
  ])('%s reads back as exactly the same number of nanoseconds', (_label, duration) => {
    const nanos = Math.round(duration.toMilliseconds({ integral: false }) * 1e6);
    expect(parseGoDuration(istioDuration('at', duration))).toBe(nanos);
  });

  test('a NaN duration is rejected, naming where', () => {
    expect(() => istioDuration("shop/reviews: route 'r' timeout", Duration.millis(NaN)))
      .toThrow("shop/reviews: route 'r' timeout is NaN ms; a duration is a finite amount of 0 or more, e.g. Duration.millis(500).");
  });

  test('an infinite duration is rejected', () => {
    expect(() => istioDuration('at', Duration.seconds(Infinity))).toThrow(/at is Infinity ms/);
  });

  test('a duration finer than a nanosecond is rejected', () => {
    expect(() => istioDuration('at', Duration.millis(0.0000001))).toThrow(/finer than a nanosecond/);
  });
});
