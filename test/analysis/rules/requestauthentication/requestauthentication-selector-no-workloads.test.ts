import { Severity } from '../../../../src/analysis/diagnostic';
import { requestAuthentication, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('requestauthentication-selector-no-workloads');

const api = workload('api', 'shop', { app: 'api', version: 'v1' }, { ports: [{ containerPort: 8080 }] });

describe('requestauthentication-selector-no-workloads', () => {
  test('warns, without an istioctl code, when no workload would validate the JWTs', () => {
    const ra = requestAuthentication('jwt', 'shop', { selector: { matchLabels: { tier: 'edge' } }, jwtRules: [{ issuer: 'x' }] });
    const d = one(rule, [api, ra], { path: 'spec.selector.matchLabels', severity: Severity.WARNING });
    expect(d.message).toContain('no workload validates these JWTs');
  });

  test('accepts a selector that matches a pod', () => {
    const ra = requestAuthentication('jwt', 'shop', { selector: { matchLabels: { app: 'api' } }, jwtRules: [{ issuer: 'x' }] });
    none(rule, [api, ra]);
  });
});
