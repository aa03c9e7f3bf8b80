import { backend, httpRoute, referenceGrant, serviceParent } from '../../../fixtures/gateway-api';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('httproute-backend-not-permitted');
const crossNamespace = httpRoute('reviews', 'shop', [serviceParent('reviews')], [{ backendRefs: [backend('ratings', 9080, { namespace: 'ratings' })] }]);

describe('httproute-backend-not-permitted', () => {
  test('reports a Service of another namespace without a ReferenceGrant there', () => {
    const d = one(rule, [crossNamespace], { path: 'spec.rules[0].backendRefs[0].namespace' });
    expect(d.message).toMatch(/no ReferenceGrant in ratings allows HTTPRoutes of shop/);
    expect(d.fix).toMatch(/Add a ReferenceGrant in ratings/);
  });

  test('a grant for another route kind, namespace or Service does not count', () => {
    one(rule, [crossNamespace, referenceGrant('ratings', 'shop', 'GRPCRoute')], { path: 'spec.rules[0].backendRefs[0].namespace' });
    one(rule, [crossNamespace, referenceGrant('ratings', 'web')], { path: 'spec.rules[0].backendRefs[0].namespace' });
    one(rule, [crossNamespace, referenceGrant('ratings', 'shop', 'HTTPRoute', 'details')], { path: 'spec.rules[0].backendRefs[0].namespace' });
  });

  test('accepts a grant to all Services or to that one, and same-namespace backends', () => {
    none(rule, [crossNamespace, referenceGrant('ratings', 'shop')]);
    none(rule, [crossNamespace, referenceGrant('ratings', 'shop', 'HTTPRoute', 'ratings')]);
    none(rule, [httpRoute('reviews', 'shop', [serviceParent('reviews')], [{ backendRefs: [backend('reviews', 9080, { namespace: 'shop' })] }])]);
  });
});
