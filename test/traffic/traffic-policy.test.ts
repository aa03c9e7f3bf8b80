import { Duration } from 'cdk8s';
import { attach, destinationRuleWith, renderedPolicy } from './traffic-policy-helpers';
import { ClientTls, LoadBalancer, TrafficPolicy } from '../../src';

/** Milliseconds of a single-unit Istio/Go duration string such as `90s` or `250us`. */
function parseIstioDuration(text: string): number {
  const m = /^(\d+)(h|m|s|ms|us|ns)$/.exec(text);
  if (!m) throw new Error(`not a single-unit duration: ${text}`);
  const perUnit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };
  return Number(m[1]) * perUnit[m[2]];
}

/** Renders a duration through a policy, without synthesizing. */
function interval(d: Duration): string {
  return new TrafficPolicy({ outlierDetection: { interval: d } }).toJson().outlierDetection.interval;
}

describe('TrafficPolicy: composition', () => {
  test('renders connection pool, outlier detection, load balancer and TLS together', () => {
    const policy = renderedPolicy({
      connectionPool: { tcp: { maxConnections: 100 } },
      outlierDetection: { consecutive5xxErrors: 5 },
      loadBalancer: LoadBalancer.leastRequest(),
      tls: ClientTls.istioMutual(),
    });
    expect(policy).toEqual({
      connectionPool: { tcp: { maxConnections: 100 } },
      outlierDetection: { consecutive5xxErrors: 5 },
      loadBalancer: { simple: 'LEAST_REQUEST' },
      tls: { mode: 'ISTIO_MUTUAL' },
    });
  });

  test('omits the connection pool when it sets nothing', () => {
    const policy = renderedPolicy({ connectionPool: {}, loadBalancer: LoadBalancer.random() });
    expect(policy).toEqual({ loadBalancer: { simple: 'RANDOM' } });
  });

  test('rejects a policy that sets nothing', () => {
    expect(attach({})).toThrow(/^shop\/api: trafficPolicy sets nothing, which Istio rejects; give at least one of connectionPool/);
  });

  test('toJson renders the policy without a service', () => {
    expect(new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin() }).toJson()).toEqual({ loadBalancer: { simple: 'ROUND_ROBIN' } });
  });

  test('extend adds and replaces fields, keeping the original unchanged', () => {
    const base = new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin(), tls: ClientTls.istioMutual() });
    const extended = base.extend({ loadBalancer: LoadBalancer.random(), outlierDetection: { consecutive5xxErrors: 3 } });
    expect(extended.toJson()).toEqual({
      loadBalancer: { simple: 'RANDOM' },
      tls: { mode: 'ISTIO_MUTUAL' },
      outlierDetection: { consecutive5xxErrors: 3 },
    });
    expect(base.toJson()).toEqual({ loadBalancer: { simple: 'ROUND_ROBIN' }, tls: { mode: 'ISTIO_MUTUAL' } });
  });
});

describe('TrafficPolicy: port-level settings', () => {
  test('renders port-level settings with the port number', () => {
    const policy = renderedPolicy({
      loadBalancer: LoadBalancer.roundRobin(),
      portLevelSettings: [
        { port: 8080, loadBalancer: LoadBalancer.leastRequest() },
        { port: 9090, connectionPool: { http: { http2MaxRequests: 50 } }, tls: ClientTls.disable() },
      ],
    });
    expect(policy).toEqual({
      loadBalancer: { simple: 'ROUND_ROBIN' },
      portLevelSettings: [
        { port: { number: 8080 }, loadBalancer: { simple: 'LEAST_REQUEST' } },
        { port: { number: 9090 }, connectionPool: { http: { http2MaxRequests: 50 } }, tls: { mode: 'DISABLE' } },
      ],
    });
  });

  test('a policy of port-level settings alone is enough', () => {
    const policy = renderedPolicy({ portLevelSettings: [{ port: 8080, outlierDetection: { consecutiveGatewayErrors: 2 } }] });
    expect(policy).toEqual({ portLevelSettings: [{ port: { number: 8080 }, outlierDetection: { consecutiveGatewayErrors: 2 } }] });
  });

  test('names the port entry in errors inside port-level settings', () => {
    expect(attach({ portLevelSettings: [{ port: 8080, outlierDetection: { maxEjectionPercent: 101 } }] }))
      .toThrow(/^shop\/api: trafficPolicy\.portLevelSettings\[0\]\.outlierDetection\.maxEjectionPercent is 101/);
  });

  test('rejects a port outside 1-65535', () => {
    expect(attach({ portLevelSettings: [{ port: 0, loadBalancer: LoadBalancer.random() }] }))
      .toThrow(/trafficPolicy\.portLevelSettings\[0\]\.port is 0; a port is a whole number from 1 to 65535/);
  });

  test('rejects the same port twice', () => {
    expect(attach({
      portLevelSettings: [
        { port: 8080, loadBalancer: LoadBalancer.random() },
        { port: 8080, tls: ClientTls.disable() },
      ],
    })).toThrow(/trafficPolicy\.portLevelSettings\[1\]\.port is 8080, already used by portLevelSettings\[0\]/);
  });

  test('rejects a port entry that sets nothing', () => {
    expect(attach({ portLevelSettings: [{ port: 8080 }] }))
      .toThrow(/trafficPolicy\.portLevelSettings\[0\] sets nothing for port 8080/);
  });
});

describe('TrafficPolicy.circuitBreaker', () => {
  test('maps its options to connection pool limits and outlier detection', () => {
    const policy = renderedPolicy(TrafficPolicy.circuitBreaker({
      maxConnections: 100,
      maxPendingRequests: 10,
      maxRequests: 200,
      consecutive5xxErrors: 5,
      interval: Duration.seconds(10),
      baseEjectionTime: Duration.seconds(30),
      maxEjectionPercent: 50,
    }));
    expect(policy).toEqual({
      connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 10, http2MaxRequests: 200 } },
      outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
    });
  });

  test('leaves outlier detection out when no ejection option is given', () => {
    expect(renderedPolicy(TrafficPolicy.circuitBreaker({ maxConnections: 1 }))).toEqual({ connectionPool: { tcp: { maxConnections: 1 } } });
  });

  test('rejects maxEjectionPercent above 100 through the helper too', () => {
    expect(() => destinationRuleWith(TrafficPolicy.circuitBreaker({ maxEjectionPercent: 200 })))
      .toThrow(/trafficPolicy\.outlierDetection\.maxEjectionPercent is 200/);
  });
});

describe('TrafficPolicy: durations', () => {
  test.each([
    ['Duration.seconds(30)', Duration.seconds(30), '30s'],
    ['Duration.millis(500)', Duration.millis(500), '500ms'],
    ['Duration.minutes(5)', Duration.minutes(5), '5m'],
    ['Duration.hours(2)', Duration.hours(2), '2h'],
    ['Duration.seconds(90)', Duration.seconds(90), '90s'],
    ['Duration.seconds(1.5)', Duration.seconds(1.5), '1500ms'],
    ['Duration.seconds(1.1)', Duration.seconds(1.1), '1100ms'],
    ['Duration.days(1)', Duration.days(1), '24h'],
  ])('renders %s as %s, the largest unit that holds it exactly', (_label, d, text) => {
    expect(interval(d)).toBe(text);
  });

  test.each([
    ['Duration.millis(0.25)', Duration.millis(0.25)],
    ['Duration.seconds(0)', Duration.seconds(0)],
  ])('rejects %s: Istio rejects durations under 1 ms', (_label, d) => {
    expect(() => interval(d)).toThrow(/trafficPolicy\.outlierDetection\.interval is 0(\.25)? ms; Istio rejects durations under 1 ms/);
  });

  test('rejects a duration that is not whole milliseconds', () => {
    expect(() => interval(Duration.millis(2.5))).toThrow(/trafficPolicy\.outlierDetection\.interval is 2\.5 ms; Istio takes whole milliseconds only/);
  });

  test('renders a TCP idle timeout of 0 as 0s, which turns it off', () => {
    expect(renderedPolicy({ connectionPool: { tcp: { idleTimeout: Duration.seconds(0) } } }).connectionPool.tcp.idleTimeout).toBe('0s');
  });

  test('a policy synthesized into a DestinationRule carries the duration strings', () => {
    expect(renderedPolicy({ outlierDetection: { interval: Duration.millis(2500) } }).outlierDetection.interval).toBe('2500ms');
  });

  test('rendered durations read back as the same number of milliseconds', () => {
    for (const d of [Duration.seconds(30), Duration.millis(1234), Duration.minutes(7), Duration.seconds(0.001), Duration.hours(36)]) {
      expect(parseIstioDuration(interval(d))).toBeCloseTo(d.toMilliseconds({ integral: false }), 9);
    }
  });
});
