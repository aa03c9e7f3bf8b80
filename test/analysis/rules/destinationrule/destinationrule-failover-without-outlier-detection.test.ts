import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-failover-without-outlier-detection');

const lb = (loadBalancer: Record<string, any>, extra: Record<string, any> = {}) => drPolicy({ loadBalancer, ...extra });
const od = { outlierDetection: { consecutive5xxErrors: 5 } };

describe('destinationrule-failover-without-outlier-detection', () => {
  test('warns (as Istio does) about failover without outlier detection', () => {
    const d = one(rule, [lb({ localityLbSetting: { failover: [{ from: 'us-east', to: 'eu-west' }] } })], {
      path: 'spec.trafficPolicy.loadBalancer.localityLbSetting.failover',
      severity: Severity.WARNING,
    });
    expect(d.istioCode).toBe('IST0133');
    expect(d.message).toContain('never triggers');
  });

  test('warns about failoverPriority of a subset without outlier detection in that subset', () => {
    const priority = { loadBalancer: { localityLbSetting: { failoverPriority: ['topology.istio.io/network'] } } };
    const dr = drPolicy(od, [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: priority }]);
    one(rule, [dr], { path: 'spec.subsets[0].trafficPolicy.loadBalancer.localityLbSetting.failoverPriority', severity: Severity.WARNING });
  });

  test('accepts failover with outlier detection', () => {
    none(rule, [lb({ localityLbSetting: { failover: [{ from: 'us-east', to: 'eu-west' }] } }, od)]);
  });
});
