import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-invalid-connection-pool');

describe('destinationrule-invalid-connection-pool', () => {
  test('reports an empty connection pool', () => {
    const d = one(rule, [drPolicy({ connectionPool: {} })], { path: 'spec.trafficPolicy.connectionPool', severity: Severity.ERROR });
    expect(d.message).toContain('is {}: it has neither http nor tcp settings');
  });

  test('reports a negative http1MaxPendingRequests', () => {
    const d = one(rule, [drPolicy({ connectionPool: { http: { http1MaxPendingRequests: -1 } } })], {
      path: 'spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests',
    });
    expect(d.message).toContain('http1MaxPendingRequests of the top-level traffic policy is -1');
  });

  test('reports a negative maxConnections of a subset', () => {
    const d = one(rule, [drPolicy(undefined, [{ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { connectionPool: { tcp: { maxConnections: -5 } } } }])], {
      path: 'spec.subsets[0].trafficPolicy.connectionPool.tcp.maxConnections',
    });
    expect(d.message).toContain('of subset "v2" is -5');
  });

  test('reports h2UpgradePolicy UPGRADE with useClientProtocol', () => {
    const d = one(rule, [drPolicy({ connectionPool: { http: { h2UpgradePolicy: 'UPGRADE', useClientProtocol: true } } })], {
      path: 'spec.trafficPolicy.connectionPool.http.useClientProtocol',
    });
    expect(d.message).toContain('h2UpgradePolicy UPGRADE and useClientProtocol true');
  });

  test('accepts positive limits', () => {
    none(rule, [drPolicy({ connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 0, maxRetries: 3, h2UpgradePolicy: 'UPGRADE' } } })]);
  });
});
