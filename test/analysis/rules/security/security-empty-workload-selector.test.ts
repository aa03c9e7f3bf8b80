import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const securityEmptyWorkloadSelector = ruleById('security-empty-workload-selector');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });

describe('security-empty-workload-selector', () => {
  test('warns like Istio about a selector without labels', () => {
    const ap = authorizationPolicy('all', 'shop', { selector: {}, rules: [{}] });
    const d = one(securityEmptyWorkloadSelector, [ap], { path: 'spec.selector', severity: Severity.WARNING });
    expect(d.message).toContain('every workload of namespace shop');
    expect(d.fix).toContain('selector.matchLabels');
  });

  test('says nothing without selector or with labels', () => {
    none(securityEmptyWorkloadSelector, [authorizationPolicy('all', 'shop', { rules: [{}] }), allow([{}])]);
  });
});
