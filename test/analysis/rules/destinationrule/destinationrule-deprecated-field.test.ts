import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-deprecated-field');

const lb = (loadBalancer: Record<string, any>, extra: Record<string, any> = {}) => drPolicy({ loadBalancer, ...extra });

describe('destinationrule-deprecated-field', () => {
  test('warns (as Istio does) about consecutiveErrors', () => {
    const d = one(rule, [drPolicy({ outlierDetection: { consecutiveErrors: 7 } })], {
      path: 'spec.trafficPolicy.outlierDetection.consecutiveErrors',
      severity: Severity.WARNING,
    });
    expect(d.istioCode).toBe('IST0133');
    expect(d.fix).toContain('consecutive5xxErrors: 7');
  });

  test('warns about consistentHash.minimumRingSize', () => {
    const d = one(rule, [lb({ consistentHash: { useSourceIp: true, minimumRingSize: 2048 } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize',
    });
    expect(d.fix).toContain('ringHash: { minimumRingSize: 2048 }');
  });

  test('accepts the current fields', () => {
    const loadBalancer = { consistentHash: { useSourceIp: true, ringHash: { minimumRingSize: 2048 } } };
    none(rule, [drPolicy({ outlierDetection: { consecutive5xxErrors: 7 }, loadBalancer })]);
  });
});
