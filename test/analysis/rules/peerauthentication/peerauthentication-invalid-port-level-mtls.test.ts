import { Severity } from '../../../../src/analysis/diagnostic';
import { peerAuthentication } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const peerAuthenticationInvalidPortLevelMtls = ruleById('peerauthentication-invalid-port-level-mtls');

describe('peerauthentication-invalid-port-level-mtls', () => {
  test('rejects port-level mTLS on a namespace-wide policy', () => {
    const pa = peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } });
    const d = one(peerAuthenticationInvalidPortLevelMtls, [pa], { path: 'spec.portLevelMtls', severity: Severity.ERROR });
    expect(d.message).toContain('ports 8080');
    expect(d.message).toContain('namespace-wide');
    expect(d.fix).toContain('selector.matchLabels');
  });

  test('rejects port keys outside 1..65535', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 0: { mode: 'DISABLE' }, 70000: { mode: 'DISABLE' }, http: { mode: 'DISABLE' } } });
    const ds = many(peerAuthenticationInvalidPortLevelMtls, [pa], ['spec.portLevelMtls["0"]', 'spec.portLevelMtls["70000"]', 'spec.portLevelMtls.http']);
    expect(ds[2].message).toContain('"http"');
  });

  test('accepts port-level modes on a workload policy', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 8080: { mode: 'DISABLE' } } });
    none(peerAuthenticationInvalidPortLevelMtls, [pa]);
  });
});
