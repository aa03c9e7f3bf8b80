import { backend, httpRoute, serviceParent } from '../../../fixtures/gateway-api';
import { selecting, service } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('httproute-backend-port-not-found');
const reviews = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 9080 }]));

describe('httproute-backend-port-not-found', () => {
  test('reports a port the Service does not have, naming the ports it has', () => {
    const d = one(rule, [reviews, httpRoute('reviews', 'shop', [serviceParent('reviews')], [{ backendRefs: [backend('reviews', 8080)] }])],
      { path: 'spec.rules[0].backendRefs[0].port' });
    expect(d.message).toMatch(/port 8080 of Service shop\/reviews, which has ports 9080/);
    expect(d.fix).toBe('Set port to 9080.');
  });

  test('accepts a port the Service has, and leaves a missing Service to httproute-backend-not-found', () => {
    none(rule, [reviews, httpRoute('reviews', 'shop', [serviceParent('reviews')], [{ backendRefs: [backend('reviews', 9080), backend('other', 1)] }])]);
  });
});
