import { Duration } from 'cdk8s';
import { attach, renderedPolicy } from './traffic-policy-helpers';
import { H2UpgradePolicy } from '../../src';

describe('ConnectionPoolSettings', () => {
  test('renders the TCP limits and timeouts under connectionPool.tcp', () => {
    const policy = renderedPolicy({
      connectionPool: {
        tcp: {
          maxConnections: 100,
          connectTimeout: Duration.millis(500),
          idleTimeout: Duration.minutes(5),
          maxConnectionDuration: Duration.hours(1),
        },
      },
    });
    expect(policy.connectionPool).toEqual({
      tcp: { maxConnections: 100, connectTimeout: '500ms', idleTimeout: '5m', maxConnectionDuration: '1h' },
    });
  });

  test('renders TCP keepalive time, interval and probes', () => {
    const policy = renderedPolicy({
      connectionPool: { tcp: { tcpKeepalive: { time: Duration.seconds(7200), interval: Duration.seconds(75), probes: 9 } } },
    });
    expect(policy.connectionPool.tcp.tcpKeepalive).toEqual({ time: '2h', interval: '75s', probes: 9 });
  });

  test('keeps an empty tcpKeepalive, which turns probes on with the OS defaults', () => {
    const policy = renderedPolicy({ connectionPool: { tcp: { tcpKeepalive: {} } } });
    expect(policy.connectionPool.tcp).toEqual({ tcpKeepalive: {} });
  });

  test('renders the HTTP limits under connectionPool.http', () => {
    const policy = renderedPolicy({
      connectionPool: {
        http: {
          http1MaxPendingRequests: 10,
          http2MaxRequests: 1000,
          maxRequestsPerConnection: 1,
          maxRetries: 3,
          idleTimeout: Duration.seconds(30),
          maxConcurrentStreams: 100,
        },
      },
    });
    expect(policy.connectionPool.http).toEqual({
      http1MaxPendingRequests: 10,
      http2MaxRequests: 1000,
      maxRequestsPerConnection: 1,
      maxRetries: 3,
      idleTimeout: '30s',
      maxConcurrentStreams: 100,
    });
  });

  test('renders the h2 upgrade policy as Istio\'s enum value', () => {
    const policy = renderedPolicy({ connectionPool: { http: { h2UpgradePolicy: H2UpgradePolicy.DO_NOT_UPGRADE } } });
    expect(policy.connectionPool.http.h2UpgradePolicy).toBe('DO_NOT_UPGRADE');
  });

  test('renders useClientProtocol', () => {
    const policy = renderedPolicy({ connectionPool: { http: { useClientProtocol: true } } });
    expect(policy.connectionPool.http).toEqual({ useClientProtocol: true });
  });

  test('omits the empty tcp and http parts', () => {
    const policy = renderedPolicy({ connectionPool: { tcp: {}, http: { maxRetries: 2 } } });
    expect(policy.connectionPool).toEqual({ http: { maxRetries: 2 } });
  });

  test('rejects a negative maxConnections, naming the construct path and the prop', () => {
    expect(attach({ connectionPool: { tcp: { maxConnections: -1 } } }))
      .toThrow(/^shop\/api: trafficPolicy\.connectionPool\.tcp\.maxConnections is -1; Istio takes a whole number from 0 to 2147483647\.$/);
  });

  test('rejects a fractional request limit', () => {
    expect(attach({ connectionPool: { http: { http2MaxRequests: 2.5 } } }))
      .toThrow(/trafficPolicy\.connectionPool\.http\.http2MaxRequests is 2.5; Istio takes a whole number/);
  });

  test('rejects a limit beyond Istio\'s int32 field', () => {
    expect(attach({ connectionPool: { http: { http1MaxPendingRequests: 2 ** 31 } } }))
      .toThrow(/http1MaxPendingRequests is 2147483648/);
  });

  test('rejects a negative keepalive probe count', () => {
    expect(attach({ connectionPool: { tcp: { tcpKeepalive: { probes: -3 } } } }))
      .toThrow(/trafficPolicy\.connectionPool\.tcp\.tcpKeepalive\.probes is -3/);
  });

  test('rejects useClientProtocol together with h2UpgradePolicy UPGRADE', () => {
    expect(attach({ connectionPool: { http: { useClientProtocol: true, h2UpgradePolicy: H2UpgradePolicy.UPGRADE } } }))
      .toThrow(/shop\/api: trafficPolicy\.connectionPool\.http sets both useClientProtocol and h2UpgradePolicy UPGRADE/);
  });
});
