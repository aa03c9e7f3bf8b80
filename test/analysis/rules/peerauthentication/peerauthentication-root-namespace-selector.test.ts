import { Severity } from '../../../../src/analysis/diagnostic';
import { peerAuthentication } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const peerAuthenticationRootNamespaceSelector = ruleById('peerauthentication-root-namespace-selector');

describe('peerauthentication-root-namespace-selector', () => {
  test('warns that Istio ignores a selector PeerAuthentication in the root namespace', () => {
    const pa = peerAuthentication('api', 'istio-system', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } });
    const d = one(peerAuthenticationRootNamespaceSelector, [pa], { path: 'spec.selector', severity: Severity.WARNING });
    expect(d.message).toContain('selector app=api');
    expect(d.message).toContain('no effect');
    expect(d.fix).toContain('namespace of the workloads');
  });

  test('accepts the mesh-wide policy and workload policies elsewhere', () => {
    none(peerAuthenticationRootNamespaceSelector, [
      peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } }),
      peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
    ]);
  });
});
