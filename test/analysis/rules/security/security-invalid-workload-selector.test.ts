import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, peerAuthentication, requestAuthentication } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const securityInvalidWorkloadSelector = ruleById('security-invalid-workload-selector');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });

describe('security-invalid-workload-selector', () => {
  test('rejects a wildcard in a selector label, naming the label and the fix', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api-*' } }, mtls: { mode: 'STRICT' } });
    const d = one(securityInvalidWorkloadSelector, [pa], { path: 'spec.selector.matchLabels.app', severity: Severity.ERROR });
    expect(d).toMatchObject({ resource: { kind: 'PeerAuthentication', name: 'api', namespace: 'shop' } });
    expect(d.message).toContain('"app=api-*"');
    expect(d.fix).toContain('exact label');
  });

  test('rejects an empty label key on any of the three kinds', () => {
    const ra = requestAuthentication('jwt', 'shop', { selector: { matchLabels: { '': 'x' } } });
    const found = one(securityInvalidWorkloadSelector, [ra], { path: 'spec.selector.matchLabels[""]' });
    expect(found.path).toBe('spec.selector.matchLabels[""]');
    expect(found.message).toContain('empty key');
  });

  test('accepts exact labels', () => {
    none(securityInvalidWorkloadSelector, [allow([{}])]);
  });
});
