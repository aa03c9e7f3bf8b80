import { ROUTE, destinationRule, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, rulesWithPrefix, run } from '../../../fixtures/rules';

const rule = ruleById('schema-unknown-api-version');

describe('schema-unknown-api-version', () => {
  test('every served version passes', () => {
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) {
      none(rule, [{ ...virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE }] }), apiVersion: `networking.istio.io/${v}` }]);
    }
  });

  test('an unserved version lists the served ones', () => {
    const d = one(rule, [{ ...destinationRule('reviews', 'shop', { host: 'reviews' }), apiVersion: 'networking.istio.io/v1alpha1' }], { path: 'apiVersion' });
    expect(d.message).toBe('DestinationRule is not served at networking.istio.io/v1alpha1; the networking.istio.io versions served for DestinationRule are `v1`, `v1alpha3` and `v1beta1`.');
    expect(d.fix).toBe('Set apiVersion to networking.istio.io/v1.');
  });

  test('an object with an unserved version is not checked field by field', () => {
    const vs = { ...virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: ROUTE, retry: {} }] }), apiVersion: 'networking.istio.io/v2' };
    expect(run(rulesWithPrefix('schema-'), [vs]).map((d) => d.ruleId)).toEqual(['schema-unknown-api-version']);
  });
});
