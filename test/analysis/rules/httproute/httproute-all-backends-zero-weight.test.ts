import { backend, httpRoute, serviceParent } from '../../../fixtures/gateway-api';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('httproute-all-backends-zero-weight');

describe('httproute-all-backends-zero-weight', () => {
  test('reports a rule whose backendRefs all have weight 0', () => {
    const d = one(rule, [httpRoute('reviews', 'shop', [serviceParent('reviews')], [
      { backendRefs: [backend('reviews-v1', 9080, { weight: 100 })] },
      { backendRefs: [backend('reviews-v1', 9080, { weight: 0 }), backend('reviews-v2', 9080, { weight: 0 })] },
    ])], { path: 'spec.rules[1].backendRefs' });
    expect(d.message).toMatch(/rules\[1\] gives weight 0 to all 2 backendRefs, so every request of the rule is answered with 500/);
  });

  test('accepts a zero weight next to a positive one, and a backendRef without weight (1 by default)', () => {
    none(rule, [httpRoute('reviews', 'shop', [serviceParent('reviews')], [
      { backendRefs: [backend('reviews-v1', 9080, { weight: 100 }), backend('reviews-v2', 9080, { weight: 0 })] },
      { backendRefs: [backend('reviews-v1', 9080)] },
    ])]);
  });
});
