import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, workload } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicySelectorNoWorkloads = ruleById('authorizationpolicy-selector-no-workloads');

const api = workload('api', 'shop', { app: 'api', version: 'v1' }, { ports: [{ containerPort: 8080 }] });
const web = workload('web', 'shop', { app: 'web' });

describe('authorizationpolicy-selector-no-workloads', () => {
  test('warns when the selector matches no pod of the namespace, listing the values present', () => {
    const ap = authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api-server' } }, rules: [{}] });
    const d = one(authorizationPolicySelectorNoWorkloads, [api, web, ap], { path: 'spec.selector.matchLabels', severity: Severity.WARNING });
    expect(d.message).toContain('Selector app=api-server matches no workload of the app in namespace shop, so this AuthorizationPolicy protects nothing');
    expect(d.message).toContain('"app" is "api", "web"');
    expect(d.fix).toContain('pod template');
  });

  test('a selector in the root namespace searches every namespace', () => {
    const ap = authorizationPolicy('api', 'istio-system', { selector: { matchLabels: { app: 'api' } }, rules: [{}] });
    none(authorizationPolicySelectorNoWorkloads, [api, ap]);
    const missing = authorizationPolicy('x', 'mesh', { selector: { matchLabels: { app: 'x' } }, rules: [{}] });
    const ds = run(authorizationPolicySelectorNoWorkloads, [api, missing], { rootNamespace: 'mesh' });
    expect(ds[0].message).toContain('any namespace');
  });

  test('says nothing when the namespace has no workloads in the app, or the selector matches', () => {
    const elsewhere = authorizationPolicy('api', 'billing', { selector: { matchLabels: { app: 'api' } }, rules: [{}] });
    const ok = authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api', version: 'v1' } }, rules: [{}] });
    none(authorizationPolicySelectorNoWorkloads, [api, elsewhere, ok]);
  });
});
