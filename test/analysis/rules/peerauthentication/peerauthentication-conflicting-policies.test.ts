import { Severity } from '../../../../src/analysis/diagnostic';
import { peerAuthentication, workload } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const peerAuthenticationConflictingPolicies = ruleById('peerauthentication-conflicting-policies');

const api = workload('api', 'shop', { app: 'api', version: 'v1' }, { ports: [{ containerPort: 8080 }] });
const web = workload('web', 'shop', { app: 'web' });

describe('peerauthentication-conflicting-policies', () => {
  test('warns about two namespace-wide policies and two policies selecting one workload', () => {
    const objects = [
      api,
      peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('permissive', 'shop', { mtls: { mode: 'PERMISSIVE' } }),
      peerAuthentication('api-a', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
      peerAuthentication('api-b', 'shop', { selector: { matchLabels: { version: 'v1' } }, mtls: { mode: 'DISABLE' } }),
    ];
    const ds = many(peerAuthenticationConflictingPolicies, objects, ['', 'spec.selector'], { severity: Severity.WARNING });
    expect(ds.map((d) => d.resource.name)).toEqual(['permissive', 'api-b']);
    expect(ds[0].message).toContain('namespace-wide in shop like PeerAuthentication shop/default');
    expect(ds[1].message).toContain('Deployment shop/api is selected both by PeerAuthentication shop/api-a');
    expect(ds[1].fix).toContain('one workload PeerAuthentication per workload');
  });

  test('accepts one policy per scope', () => {
    none(peerAuthenticationConflictingPolicies, [
      api, web,
      peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
      peerAuthentication('web', 'shop', { selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'STRICT' } }),
    ]);
  });
});
