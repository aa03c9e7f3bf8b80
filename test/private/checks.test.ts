import { Duration } from 'cdk8s';
import { checkDuration, checkIpBlocks, checkNonEmpty, checkNoEmptyStrings, checkPort } from '../../src/private/checks';
import { RenderContext } from '../../src/private/render-context';

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

const timeout = RenderContext.of('shop/reviews').about("route 'r'").child('timeout');

describe('checkDuration: Istio duration strings', () => {
  test.each<[string, string, Duration]>([
    ['Duration.seconds(2)', '2s', Duration.seconds(2)],
    ['Duration.millis(500)', '500ms', Duration.millis(500)],
    ['Duration.seconds(1.5)', '1500ms', Duration.seconds(1.5)],
    ['Duration.seconds(90)', '90s', Duration.seconds(90)],
    ['Duration.minutes(2)', '2m', Duration.minutes(2)],
    ['Duration.hours(24)', '24h', Duration.hours(24)],
    ['Duration.days(1)', '24h', Duration.days(1)],
    ['Duration.seconds(1.001)', '1001ms', Duration.seconds(1.001)],
    ['Duration.millis(1)', '1ms', Duration.millis(1)],
  ])('%s renders as %s', (_label, text, duration) => {
    expect(checkDuration(timeout, duration)).toBe(text);
  });

  test.each<[string, Duration]>([
    ['Duration.millis(1)', Duration.millis(1)],
    ['Duration.millis(25)', Duration.millis(25)],
    ['Duration.seconds(0.1)', Duration.seconds(0.1)],
    ['Duration.seconds(3.25)', Duration.seconds(3.25)],
    ['Duration.minutes(1.5)', Duration.minutes(1.5)],
    ['Duration.hours(1.25)', Duration.hours(1.25)],
    ['Duration.seconds(86399.999)', Duration.seconds(86399.999)],
  ])('%s reads back as exactly the same number of nanoseconds', (_label, duration) => {
    const nanos = Math.round(duration.toMilliseconds({ integral: false }) * 1e6);
    expect(parseGoDuration(checkDuration(timeout, duration)!)).toBe(nanos);
  });

  test('an absent duration renders as nothing', () => {
    expect(checkDuration(timeout, undefined)).toBeUndefined();
  });

  test('a NaN duration is rejected, naming the construct, the route and the prop', () => {
    expect(() => checkDuration(timeout, Duration.millis(NaN)))
      .toThrow("shop/reviews: route 'r' timeout is NaN ms; a duration is a finite amount of 0 or more, e.g. Duration.millis(500).");
  });

  test('an infinite duration is rejected', () => {
    expect(() => checkDuration(timeout, Duration.seconds(Infinity))).toThrow(/timeout is Infinity ms/);
  });

  test('a duration under 1 ms is rejected, as Istio\'s webhook does', () => {
    expect(() => checkDuration(timeout, Duration.millis(0.5)))
      .toThrow("shop/reviews: route 'r' timeout is 0.5 ms; Istio rejects durations under 1 ms; write e.g. Duration.millis(1) or more, or leave the prop out.");
  });

  test('zero is rejected where Istio does not take it to mean "off"', () => {
    expect(() => checkDuration(timeout, Duration.seconds(0))).toThrow(/timeout is 0 ms; Istio rejects durations under 1 ms/);
  });

  test('zero renders as 0s where Istio takes it to mean "off"', () => {
    expect(checkDuration(timeout, Duration.seconds(0), { zeroAllowed: true })).toBe('0s');
  });

  test('a duration that is not whole milliseconds is rejected', () => {
    expect(() => checkDuration(timeout, Duration.millis(1.5)))
      .toThrow("shop/reviews: route 'r' timeout is 1.5 ms; Istio takes whole milliseconds only; write e.g. Duration.millis(2).");
  });

  test('a field Istio does not check renders any duration exactly', () => {
    expect(checkDuration(timeout, Duration.millis(1.5), { unchecked: true })).toBe('1500us');
    expect(checkDuration(timeout, Duration.millis(0.25), { unchecked: true })).toBe('250us');
  });

  test('a duration finer than a nanosecond is rejected', () => {
    expect(() => checkDuration(timeout, Duration.millis(0.0000001), { unchecked: true })).toThrow(/finer than a nanosecond/);
  });
});

describe('value checks', () => {
  const ctx = RenderContext.of('shop/api');

  test('a port outside 1-65535 is rejected with the prop and the value', () => {
    expect(() => checkPort(ctx.child('ports[0]'), 70000)).toThrow('shop/api: ports[0] is 70000; a port is a whole number from 1 to 65535.');
  });

  test('an empty string is rejected, with an example of a value', () => {
    expect(() => checkNonEmpty(ctx.child('sni'), '', "'api.example.com'"))
      .toThrow("shop/api: sni is \"\"; give a value, e.g. 'api.example.com', or leave it out.");
  });

  test('an absent string passes', () => {
    expect(checkNonEmpty(ctx.child('sni'), undefined, "'x'")).toBeUndefined();
  });

  test('a blank list entry is rejected at its index', () => {
    expect(() => checkNoEmptyStrings(ctx.child('paths'), ['/a', ' '])).toThrow('shop/api: paths[1] is " "; write a non-empty value or leave the entry out.');
  });

  test.each(['10.0.0.1', '10.0.0.0/16', '2001:db8::/32', '::1'])('%s is an IP block', (value) => {
    expect(() => checkIpBlocks(ctx.child('ipBlocks'), [value])).not.toThrow();
  });

  test.each(['10.0.0.0/33', '010.0.0.1', '10.0.0.0/08', 'example.com', ''])('%s is not an IP block (Go netip rules, as Istio)', (value) => {
    expect(() => checkIpBlocks(ctx.child('ipBlocks'), [value])).toThrow(`shop/api: ipBlocks[0] is ${JSON.stringify(value)}, which is neither an IP address nor a CIDR range`);
  });
});
