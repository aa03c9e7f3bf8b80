import { Severity } from '../../../../src/analysis/diagnostic';
import { peerAuthentication, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('peerauthentication-selector-no-workloads');

const api = workload('api', 'shop', { app: 'api', version: 'v1' }, { ports: [{ containerPort: 8080 }] });

describe('peerauthentication-selector-no-workloads', () => {
  test('warns, without an istioctl code, when the selector matches no pod, naming the missing label', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api', track: 'canary' } }, mtls: { mode: 'STRICT' } });
    const d = one(rule, [api, pa], { path: 'spec.selector.matchLabels', severity: Severity.WARNING });
    expect(d.message).toContain('app=api, track=canary');
    expect(d.message).toContain('no pod has a "track" label');
  });

  test('accepts a selector that matches a pod', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } });
    none(rule, [api, pa]);
  });
});
