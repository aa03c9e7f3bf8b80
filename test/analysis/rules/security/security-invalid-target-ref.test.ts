import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, requestAuthentication } from '../../../fixtures/manifests';
import { many, none, one, ruleById, run } from '../../../fixtures/rules';

const securityInvalidTargetRef = ruleById('security-invalid-target-ref');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });

describe('security-invalid-target-ref', () => {
  test('rejects selector together with targetRefs', () => {
    const ap = allow([{}], { targetRefs: [{ kind: 'Service', group: '', name: 'api' }] });
    const d = one(securityInvalidTargetRef, [ap], { path: 'spec.targetRefs', severity: Severity.ERROR });
    expect(d.message).toContain('selector and targetRefs');
  });

  test('rejects a cross-namespace target and an unsupported kind', () => {
    const ap = authorizationPolicy('api', 'shop', { targetRefs: [{ kind: 'Deployment', group: 'apps', name: 'api', namespace: 'other' }] });
    const ds = many(securityInvalidTargetRef, [ap], ['spec.targetRefs[0].namespace', 'spec.targetRefs[0].kind']);
    expect(ds[0].message).toContain('"other"');
    expect(ds[1].message).toContain('apps/Deployment');
    expect(ds[1].fix).toContain('Service');
  });

  test('suggests the group when the kind is right', () => {
    const ra = requestAuthentication('jwt', 'shop', { targetRef: { kind: 'Gateway', group: 'networking.istio.io', name: 'gw' } });
    const ds = run(securityInvalidTargetRef, [ra]);
    expect(ds[0].fix).toContain('gateway.networking.k8s.io');
  });

  test('accepts a Service or Gateway target', () => {
    const ok = authorizationPolicy('api', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'api' }, { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }] });
    none(securityInvalidTargetRef, [ok]);
  });
});
