import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, namespaceObject, workload } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const authorizationPolicyUnknownNamespace = ruleById('authorizationpolicy-unknown-namespace');

const backend = workload('backend', 'shop', { app: 'backend' }, { serviceAccount: 'backend', ports: [{ containerPort: 8080 }, { containerPort: 9090 }] });
const policy = (action: string, rules: any[]) => authorizationPolicy('backend', 'shop', { action, selector: { matchLabels: { app: 'backend' } }, rules });

describe('authorizationpolicy-unknown-namespace', () => {
  test('warns about a namespace no object lives in, with istioctl\'s code', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { namespaces: ['shp', 'shop'], notNamespaces: ['dev-*'] } }] }]);
    const ds = many(authorizationPolicyUnknownNamespace, [backend, ap], ['spec.rules[0].from[0].source.namespaces[0]', 'spec.rules[0].from[0].source.notNamespaces[0]']);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-unknown-namespace', severity: Severity.WARNING, istioCode: 'IST0101' });
    expect(ds[0].message).toContain('"shp" matches no namespace of the analysed manifests (shop)');
    expect(ds[0].fix).toBe('Did you mean "shop"?');
    expect(ds[1].message).toContain('"dev-*"');
  });

  test('matches wildcards and Namespace objects; quiet without workloads', () => {
    const ap = policy('ALLOW', [{ from: [{ source: { namespaces: ['sh*', '*', 'monitoring'] } }] }]);
    none(authorizationPolicyUnknownNamespace, [backend, namespaceObject('monitoring'), ap]);
    none(authorizationPolicyUnknownNamespace, [policy('ALLOW', [{ from: [{ source: { namespaces: ['nope'] } }] }])]);
  });
});
