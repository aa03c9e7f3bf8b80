import { backend, httpRoute, serviceParent } from '../../../fixtures/gateway-api';
import { selecting, service } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('httproute-backend-not-found');
const reviews = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 9080 }]));

describe('httproute-backend-not-found', () => {
  test('reports a backendRef to a Service that is not among the objects', () => {
    const d = one(rule, [reviews, httpRoute('reviews', 'shop', [serviceParent('reviews')], [{ backendRefs: [backend('reviews-v3', 9080)] }])],
      { path: 'spec.rules[0].backendRefs[0].name' });
    expect(d.message).toMatch(/sends to Service shop\/reviews-v3, which is not among the analysed objects/);
    expect(d.fix).toMatch(/reviews/);
  });

  test('reports a RequestMirror backendRef too', () => {
    one(rule, [reviews, httpRoute('reviews', 'shop', [serviceParent('reviews')], [{
      backendRefs: [backend('reviews', 9080)],
      filters: [{ type: 'RequestMirror', requestMirror: { backendRef: backend('shadow', 9080) } }],
    }])], { path: 'spec.rules[0].filters[0].requestMirror.backendRef.name' });
  });

  test('accepts existing Services and non-Service backends', () => {
    none(rule, [reviews, httpRoute('reviews', 'shop', [serviceParent('reviews')], [{
      backendRefs: [{ name: 'reviews', port: 9080 }, { group: 'networking.istio.io', kind: 'Hostname', name: 'api.example.com', port: 443 }],
    }])]);
  });
});
