import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-invalid-duration');

describe('destinationrule-invalid-duration', () => {
  test('reports a connectTimeout without unit', () => {
    const d = one(rule, [drPolicy({ connectionPool: { tcp: { connectTimeout: '30' } } })], {
      path: 'spec.trafficPolicy.connectionPool.tcp.connectTimeout',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('connectionPool.tcp.connectTimeout of the top-level traffic policy "30" is not a duration');
    expect(d.fix).toBe('Write "30s".');
  });

  test('reports a baseEjectionTime of a subset below 1ms', () => {
    const d = one(rule, [drPolicy(undefined, [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { outlierDetection: { baseEjectionTime: '0s' } } }])], {
      path: 'spec.subsets[0].trafficPolicy.outlierDetection.baseEjectionTime',
    });
    expect(d.message).toContain('of subset "v1" "0s" is zero');
  });

  test('reports an interval on a port-level setting with sub-millisecond precision', () => {
    const d = one(rule, [drPolicy({ portLevelSettings: [{ port: { number: 8080 }, outlierDetection: { interval: '1.0001s' } }] })], {
      path: 'spec.trafficPolicy.portLevelSettings[0].outlierDetection.interval',
    });
    expect(d.message).toContain('of port 8080 of the top-level traffic policy "1.0001s"');
  });

  test('reports an http idleTimeout of 0s', () => {
    one(rule, [drPolicy({ connectionPool: { http: { idleTimeout: '0s' } } })], { path: 'spec.trafficPolicy.connectionPool.http.idleTimeout' });
  });

  test('accepts tcp idleTimeout 0s, which disables the idle timeout', () => {
    none(rule, [drPolicy({ connectionPool: { tcp: { idleTimeout: '0s' } } })]);
  });

  test('reports a warmup duration that does not parse', () => {
    one(rule, [drPolicy({ loadBalancer: { simple: 'ROUND_ROBIN', warmup: { duration: 'one minute' } } })], {
      path: 'spec.trafficPolicy.loadBalancer.warmup.duration',
    });
  });

  test('accepts valid durations everywhere', () => {
    none(rule, [drPolicy({
      connectionPool: {
        tcp: { connectTimeout: '30ms', maxConnectionDuration: '1h', idleTimeout: '10m', tcpKeepalive: { time: '7200s', interval: '75s' } },
        http: { idleTimeout: '1h' },
      },
      outlierDetection: { baseEjectionTime: '3m', interval: '10s' },
      loadBalancer: { simple: 'LEAST_REQUEST', warmup: { duration: '60s' } },
    })]);
  });
});
