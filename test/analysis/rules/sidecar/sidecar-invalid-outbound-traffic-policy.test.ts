import { Severity } from '../../../../src/analysis/diagnostic';
import { sidecar } from '../../../fixtures/manifests';
import { clean, one, ruleById, run } from '../../../fixtures/rules';

const sidecarInvalidOutboundTrafficPolicy = ruleById('sidecar-invalid-outbound-traffic-policy');

describe('sidecar-invalid-outbound-traffic-policy', () => {
  test('rejects an egress proxy when the mode is not written (REGISTRY_ONLY)', () => {
    const d = one(sidecarInvalidOutboundTrafficPolicy, [sidecar('default', 'shop', { outboundTrafficPolicy: { egressProxy: { host: 'proxy.infra.svc.cluster.local', port: { number: 3128 } } } })], { path: 'spec.outboundTrafficPolicy.egressProxy', severity: Severity.ERROR });
    expect(d.message).toContain('the default when mode is not written');
  });

  test('rejects an egress proxy without port', () => {
    const ds = run(sidecarInvalidOutboundTrafficPolicy, [sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'proxy.infra.svc.cluster.local' } } })]);
    expect(ds[0].message).toContain('no port');
  });

  test('accepts an egress proxy with ALLOW_ANY', () => {
    clean(sidecarInvalidOutboundTrafficPolicy, [sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'proxy.infra.svc.cluster.local', port: { number: 3128 } } } })]);
  });
});
