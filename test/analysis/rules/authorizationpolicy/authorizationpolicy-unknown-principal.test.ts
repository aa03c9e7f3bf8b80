import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, namespaceObject, workload } from '../../../fixtures/manifests';
import { many, none, one, ruleById, run } from '../../../fixtures/rules';

const authorizationPolicyUnknownPrincipal = ruleById('authorizationpolicy-unknown-principal');

const backend = workload('backend', 'shop', { app: 'backend' }, { serviceAccount: 'backend', ports: [{ containerPort: 8080 }, { containerPort: 9090 }] });
const frontend = workload('frontend', 'shop', { app: 'frontend' }, { serviceAccount: 'frontend' });
const policy = (action: string, rules: any[]) => authorizationPolicy('backend', 'shop', { action, selector: { matchLabels: { app: 'backend' } }, rules });

describe('authorizationpolicy-unknown-principal', () => {
  test('warns about a service account no workload runs as, suggesting the closest', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontnd'] } }] }]);
    const d = one(authorizationPolicyUnknownPrincipal, [backend, frontend, ap], { path: 'spec.rules[0].from[0].source.principals[0]', severity: Severity.WARNING });
    expect(d.message).toContain('service account "frontnd" of namespace shop');
    expect(d.message).toContain('they run as "backend", "frontend"');
    expect(d.message).toContain('may be deployed elsewhere');
    expect(d.fix).toContain('Did you mean "frontend"?');
  });

  test('warns about a namespace that is not in the app', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { serviceAccounts: ['payments/api'] } }] }]);
    const ds = run(authorizationPolicyUnknownPrincipal, [backend, ap]);
    expect(ds[0].path).toBe('spec.rules[0].from[0].source.serviceAccounts[0]');
    expect(ds[0].message).toContain('names namespace "payments", which is not in the analysed manifests (namespaces here: shop)');
    expect(ds[0].message).toContain('may live elsewhere');
  });

  test('reads namespaces and accounts from wildcard principals and source.* conditions', () => {
    const ap = policy('ALLOW', [
      { from: [{ source: { principals: ['cluster.local/ns/payments/*', '*/ns/shop/sa/ghost', '*/sa/ghost'] } }] },
      { when: [{ key: 'source.serviceAccount', values: ['ghost'] }] },
    ]);
    many(authorizationPolicyUnknownPrincipal, [backend, ap], [
      'spec.rules[0].from[0].source.principals[0]',
      'spec.rules[0].from[0].source.principals[1]',
      'spec.rules[1].when[0].values[0]',
    ]);
  });

  test('accepts accounts in use (the implicit default too) and stays quiet without workloads', () => {
    const noSa = workload('batch', 'shop', { app: 'batch' });
    const ap = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend', 'cluster.local/ns/shop/sa/default'] } }] }]);
    none(authorizationPolicyUnknownPrincipal, [backend, frontend, noSa, ap]);
    none(authorizationPolicyUnknownPrincipal, [policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/x/sa/y'] } }] }])]);
  });

  test('does not judge accounts of a namespace without workloads in the app', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/ops/sa/anything'] } }] }]);
    none(authorizationPolicyUnknownPrincipal, [backend, namespaceObject('ops'), ap]);
  });
});
