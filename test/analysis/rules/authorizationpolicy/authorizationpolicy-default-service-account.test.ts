import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const authorizationPolicyDefaultServiceAccount = ruleById('authorizationpolicy-default-service-account');

/** The annotation the security constructs put on a policy naming a workload's default account. */
const DEFAULT_SA_ANNOTATION = 'cdk8s-istio.io/principal-default-sa';
const selector = { matchLabels: { app: 'api' } };

describe('authorizationpolicy-default-service-account', () => {
  const principal = 'cluster.local/ns/shop/sa/default';

  test('explains the annotation the constructs put on a policy built from a workload without service account', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{ from: [{ source: { principals: [principal] } }] }] }, { annotations: { [DEFAULT_SA_ANNOTATION]: principal } });
    const d = one(authorizationPolicyDefaultServiceAccount, [ap], { path: 'spec.rules[0].from[0].source.principals[0]', severity: Severity.WARNING });
    expect(d.message).toContain(`"${principal}" is the "default" service account of namespace shop`);
    expect(d.message).toContain('has no service account of its own');
    expect(d.message).toContain('this rule allows all of them');
    expect(d.fix).toContain('its own ServiceAccount');
  });

  test('points at the annotation when the principal is no longer in the rules', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{}] }, { annotations: { [DEFAULT_SA_ANNOTATION]: `${principal}, cluster.local/ns/web/sa/default` } });
    const ds = many(authorizationPolicyDefaultServiceAccount, [ap], ['metadata.annotations["cdk8s-istio.io/principal-default-sa"]', 'metadata.annotations["cdk8s-istio.io/principal-default-sa"]']);
    expect(ds[1].message).toContain('namespace web');
  });

  test('also reports default accounts written by hand, in principals and serviceAccounts', () => {
    const ap = authorizationPolicy('api', 'shop', {
      action: 'DENY',
      selector,
      rules: [
        { from: [{ source: { principals: ['cluster.local/ns/batch/sa/default'] } }] },
        { from: [{ source: { serviceAccounts: ['default', 'web/default'] } }] },
      ],
    });
    const ds = many(authorizationPolicyDefaultServiceAccount, [ap], [
      'spec.rules[0].from[0].source.principals[0]',
      'spec.rules[1].from[0].source.serviceAccounts[0]',
      'spec.rules[1].from[0].source.serviceAccounts[1]',
    ]);
    expect(ds[0].message).toContain('namespace batch');
    expect(ds[0].message).toContain('this rule denies all of them');
    expect(ds[1].message).toContain('namespace shop');
    expect(ds[2].message).toContain('namespace web');
  });

  test('accepts dedicated service accounts', () => {
    const ap = authorizationPolicy('api', 'shop', { selector, rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend', 'cluster.local/ns/shop/sa/default-reader'] } }] }] });
    none(authorizationPolicyDefaultServiceAccount, [ap]);
  });
});
